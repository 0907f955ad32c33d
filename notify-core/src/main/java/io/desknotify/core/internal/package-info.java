/**
 * The notifier's machinery: lanes (per-transport queue, concurrency bound, pacing, retries), job runs and
 * planning. Not an API: anything here may change in any release.
 */
package io.desknotify.core.internal;
