import type { _Record as StreamsRecord } from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBRecord } from 'aws-lambda';

/**
 * A record read with the Streams API (GetRecords), shaped as the Lambda event source mapping
 * hands it over: creation time in epoch seconds, the stream's ARN as the event source. The
 * attribute values already have Lambda's JSON shape.
 */
export function asLambdaRecord(record: StreamsRecord, streamArn: string): DynamoDBRecord {
  const { dynamodb } = record;
  return {
    eventID: record.eventID,
    eventName: record.eventName,
    eventVersion: record.eventVersion,
    eventSource: record.eventSource,
    awsRegion: record.awsRegion,
    eventSourceARN: streamArn,
    dynamodb: {
      ApproximateCreationDateTime: dynamodb?.ApproximateCreationDateTime ? dynamodb.ApproximateCreationDateTime.getTime() / 1000 : undefined,
      Keys: dynamodb?.Keys as never,
      NewImage: dynamodb?.NewImage as never,
      OldImage: dynamodb?.OldImage as never,
      SequenceNumber: dynamodb?.SequenceNumber,
      SizeBytes: dynamodb?.SizeBytes,
      StreamViewType: dynamodb?.StreamViewType,
    },
  };
}
