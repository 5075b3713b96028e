#!/bin/bash
# LocalStack ready.d hook: creates the AWS resources the app's aws profile expects, named as
# docker-compose.yml configures the app (SQS_QUEUE_URL_PREFIX, ORDER_NOTIFICATIONS_TOPIC_ARN, the
# config's default table names). On AWS the CDK app (infra/) creates the same ones. No buckets: the
# compose app keeps objects on disk (OBJECT_STORE=local), so analytics can run on DuckDB.
#
# test/compose.e2e-spec.ts parses the create_* lines below and checks them against
# QUEUE_DEFINITIONS (src/common/queue/queue-definition.ts), the app's config and the tables'
# CreateTable definitions (docker/localstack/tables/*.json = src/modules/*/adapters/*-table.ts).
set -euo pipefail

PREFIX=mercantil-
TABLES=/etc/mercantil/tables
# As the CDK stack: 14 days' retention, 20 s long polling.
RETENTION_SECONDS=1209600
RECEIVE_WAIT_SECONDS=20

# create_queue <name> <visibility timeout s> <max receives before the DLQ> [fifo]
# The DLQ is <name>-dlq; an ordered (fifo) queue is <name>.fifo with the FIFO DLQ <name>-dlq.fifo.
create_queue() {
  local name=$1 visibility=$2 max_receives=$3 kind=${4:-standard}
  local suffix='' fifo=''
  if [ "$kind" = fifo ]; then
    suffix=.fifo
    fifo=',"FifoQueue":"true","ContentBasedDeduplication":"true","DeduplicationScope":"messageGroup","FifoThroughputLimit":"perMessageGroupId"'
  fi
  local dlq_url dlq_arn redrive
  dlq_url=$(awslocal sqs create-queue --queue-name "${PREFIX}${name}-dlq${suffix}" \
    --attributes "{\"MessageRetentionPeriod\":\"${RETENTION_SECONDS}\"${fifo}}" --query QueueUrl --output text)
  dlq_arn=$(awslocal sqs get-queue-attributes --queue-url "$dlq_url" --attribute-names QueueArn --query Attributes.QueueArn --output text)
  redrive="{\\\"deadLetterTargetArn\\\":\\\"${dlq_arn}\\\",\\\"maxReceiveCount\\\":\\\"${max_receives}\\\"}"
  awslocal sqs create-queue --queue-name "${PREFIX}${name}${suffix}" \
    --attributes "{\"VisibilityTimeout\":\"${visibility}\",\"MessageRetentionPeriod\":\"${RETENTION_SECONDS}\",\"ReceiveMessageWaitTimeSeconds\":\"${RECEIVE_WAIT_SECONDS}\",\"RedrivePolicy\":\"${redrive}\"${fifo}}" >/dev/null
  echo "queue ${PREFIX}${name}${suffix} (DLQ ${PREFIX}${name}-dlq${suffix} after ${max_receives} receives)"
}

# create_table <definition file in tables/> [TTL attribute]
create_table() {
  local file="$TABLES/$1" ttl=${2:-} table
  table=$(sed -n 's/^ *"TableName": *"\([^"]*\)".*/\1/p' "$file")
  awslocal dynamodb describe-table --table-name "$table" >/dev/null 2>&1 \
    || awslocal dynamodb create-table --cli-input-json "file://$file" >/dev/null
  awslocal dynamodb wait table-exists --table-name "$table"
  if [ -n "$ttl" ]; then
    awslocal dynamodb update-time-to-live --table-name "$table" \
      --time-to-live-specification "Enabled=true,AttributeName=$ttl" >/dev/null
  fi
  echo "table $table"
}

create_topic() {
  awslocal sns create-topic --name "$1" >/dev/null
  echo "topic $1"
}

create_queue order-processing 300 5
create_queue invoice-processing 300 5
create_queue analytics-reports 1900 3
create_queue workflow-steps 300 10
create_queue search-reindex 900 3
create_queue sales-reports 900 5
create_queue changes-search 60 20 fifo
create_queue changes-lake 60 20 fifo
create_queue changes-sales 60 20 fifo

create_table orders.json
create_table sku-lookup.json
create_table sales-metrics.json expiresAt

create_topic mercantil-order-notifications

echo "Mercantil resources ready"
