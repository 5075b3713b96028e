import { Provider } from '@nestjs/common';
import { CHANGE_SUBSCRIBERS } from '../../common/queue/queue-definition';

/**
 * Subscriber names beside CHANGE_SUBSCRIBERS. Nothing in the app provides it; a test or
 * plugin module with its own subscriber provides it globally, with its queue's definition
 * in EXTRA_QUEUE_DEFINITIONS.
 */
export const EXTRA_CHANGE_SUBSCRIBERS = Symbol('EXTRA_CHANGE_SUBSCRIBERS');

/** Every subscriber the relay feeds, each through its own queue: CHANGE_SUBSCRIBERS plus the extra ones. */
export const CHANGE_SUBSCRIBER_LIST = Symbol('CHANGE_SUBSCRIBER_LIST');

export const changeSubscriberListProvider: Provider = {
  provide: CHANGE_SUBSCRIBER_LIST,
  inject: [{ token: EXTRA_CHANGE_SUBSCRIBERS, optional: true }],
  useFactory: (extra?: readonly string[]): readonly string[] => [...CHANGE_SUBSCRIBERS, ...(extra ?? [])],
};
