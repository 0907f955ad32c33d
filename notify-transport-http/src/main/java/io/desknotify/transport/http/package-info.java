/**
 * The provider kit of the HTTP transports: what every provider's builder shares ({@link
 * io.desknotify.transport.http.HttpTransportBuilder}) and the user-supplied bearer token source ({@link
 * io.desknotify.transport.http.AccessTokenSource}, {@link io.desknotify.transport.http.AccessToken}) through which a
 * token library can be plugged in without this library depending on it. The providers live in the sub-packages.
 */
package io.desknotify.transport.http;
