import type { HistoryEvent as SfnHistoryEvent } from '@aws-sdk/client-sfn';
import type { JsonObject, JsonValue } from '../../modules/workflow/domain/asl/asl-types';
import type { StoredHistoryEvent } from '../../modules/workflow/domain/execution-repository.port';

/** Step Functions hands execution data over as JSON text; these detail fields carry it. */
const DATA_FIELDS = new Set(['input', 'output', 'parameters']);

/** JSON text as a value; text that is not JSON (or was truncated) stays text. */
export function parseJson(text: string | undefined): JsonValue {
  if (text === undefined) return null;
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    return text;
  }
}

/**
 * One Step Functions history event in the engine's shape: the one `*EventDetails` object
 * an event carries becomes `details` (its data fields parsed), and only state entered/exited
 * events name their state, as in Step Functions.
 */
export function toHistoryEvent(event: SfnHistoryEvent): StoredHistoryEvent {
  const raw = Object.entries(event).find(([key, value]) => key.endsWith('EventDetails') && value)?.[1] as Record<string, unknown> | undefined;
  const details: JsonObject = {};
  for (const [key, value] of Object.entries(raw ?? {})) {
    if (value === undefined) continue;
    details[key] = DATA_FIELDS.has(key) && typeof value === 'string' ? parseJson(value) : (value as JsonValue);
  }
  const stateName = event.stateEnteredEventDetails?.name ?? event.stateExitedEventDetails?.name;
  return { id: event.id!, type: event.type!, ...(stateName ? { stateName } : {}), details, timestamp: event.timestamp!.toISOString() };
}
