/**
 * Provider-neutral types of desknotify and the transport SPI. Depends on nothing but the JDK.
 */
module io.desknotify.api {
    exports io.desknotify.api;
    exports io.desknotify.api.spi;
}
