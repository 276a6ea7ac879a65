/*
 * The shapes shared by the ingest modules (fetchers, upload and webhook parsing, test connection)
 * and the core that calls them. A `FetchedRecord` is one document as a source delivered it,
 * normalised to plain text: the core chunks, embeds and versions it, keyed by
 * (source, external_id), so `external_id` must be stable across fetches of the same item.
 */

/** One document as read from a source, in plain text. */
export interface FetchedRecord {
  /** Stable per source: the item's id, guid or URL, else a hash of its title and content. */
  external_id: string;
  title: string;
  /** Plain text (HTML is reduced to text). Never empty. */
  content: string;
  url: string | null;
  /** ISO 8601, or null when the source gave no (valid) time. */
  published_at: string | null;
}

/** How a fetch of an api or rss source is bounded. */
export interface FetchOptions {
  /** The whole exchange (connect, redirects, body) must end within this. */
  timeoutMs: number;
  /** An answer body larger than this is refused (it is not truncated). */
  maxBytes: number;
  /**
   * Allow loopback, private, link-local and other internal targets (config
   * `pp.knowledge.fetch.allowPrivateNetworks`, default false; tests set true).
   */
  allowPrivateNetworks: boolean;
  /**
   * Replaces the built-in HTTP client (node:http/https with the SSRF guard at connect time).
   * With it, the guard only checks the URL's host as resolved before the request.
   */
  fetch?: typeof fetch;
}

/** Sensible defaults: 15 s, 10 MB, public networks only. */
export const DEFAULT_FETCH_OPTIONS: FetchOptions = {
  timeoutMs: 15_000,
  maxBytes: 10 * 1024 * 1024,
  allowPrivateNetworks: false,
};

/** When a scheduled source runs (the columns of a source). */
export interface ScheduleSpec {
  frequency: 'hourly' | 'daily' | 'weekly';
  /** `HH:MM`; hourly: only the minutes count (the minute past each hour). */
  time: string;
  /** An IANA time zone, e.g. `Asia/Kolkata`. */
  time_zone: string;
  /** weekly only: 0 = Sunday … 6 = Saturday; default Monday (1). */
  weekday?: number | null;
}
