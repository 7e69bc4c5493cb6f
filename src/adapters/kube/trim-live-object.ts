import { trimManagedFields } from '../../core/drift/managed-fields.js';

/**
 * What we keep of a live object: everything drift compares, managedFields as far as attribution needs them,
 * the last-applied annotation (three-way); not status (never compared) — holding 10,000 objects, it counts.
 */
export function trimLiveObject(object: Record<string, unknown>): Record<string, unknown> {
  const { status: _status, ...rest } = object;
  const metadata = rest.metadata as Record<string, unknown> | undefined;
  if (metadata && Array.isArray(metadata.managedFields)) {
    rest.metadata = { ...metadata, managedFields: trimManagedFields(metadata.managedFields) };
  }
  return rest;
}
