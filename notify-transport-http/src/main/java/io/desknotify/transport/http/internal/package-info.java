/**
 * Internals shared by the HTTP transports: the executor their blocking HTTP exchanges run on, the JSON provider
 * holder, bounded body reading, I/O failure classification, {@code Retry-After} parsing and header redaction. Not
 * API: may change without notice.
 */
package io.desknotify.transport.http.internal;
