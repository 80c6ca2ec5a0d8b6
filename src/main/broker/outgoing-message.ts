/**
 * Ids of the messages the client writes (the first field of each), for
 * matching the library's `sent` event to a request. @stoqey/ib 1.6.10 keeps
 * its OutgoingMessage enum internal (dist/core/io/encoder), so the few we
 * need are named here; a test pins them against the library's encoder.
 */
export const OutgoingMessage = {
  PLACE_ORDER: 3,
  CANCEL_ORDER: 4,
  REQ_GLOBAL_CANCEL: 58,
} as const;
