/**
 * Internals shared by the HTTP transports: the JSON provider holder, bounded body reading, I/O failure
 * classification, {@code Retry-After} parsing and header redaction. Not API: may change without notice.
 */
package io.desknotify.transport.http.internal;
