import { Provider } from '@nestjs/common';
import { QUEUE_DEFINITIONS, QueueDefinition } from '../../common/queue/queue-definition';
import { EXTRA_QUEUE_DEFINITIONS } from './queue-policy';

/** Every queue the app knows: QUEUE_DEFINITIONS plus any EXTRA_QUEUE_DEFINITIONS provided. */
export const QUEUE_DEFINITION_LIST = Symbol('QUEUE_DEFINITION_LIST');

export const queueDefinitionListProvider: Provider = {
  provide: QUEUE_DEFINITION_LIST,
  inject: [{ token: EXTRA_QUEUE_DEFINITIONS, optional: true }],
  useFactory: (extra?: readonly QueueDefinition[]): readonly QueueDefinition[] => [...QUEUE_DEFINITIONS, ...(extra ?? [])],
};
