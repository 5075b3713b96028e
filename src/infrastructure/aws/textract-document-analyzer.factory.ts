import { TextractClient } from '@aws-sdk/client-textract';
import type { AppConfig } from '../../config/app-config';
import { TextractDocumentAnalyzer } from './textract-document-analyzer.adapter';

export function createTextractDocumentAnalyzer(aws: AppConfig['aws']): TextractDocumentAnalyzer {
  return new TextractDocumentAnalyzer(new TextractClient({ region: aws.region }));
}
