package io.desknotify.testkit.citrix;

/**
 * The shape of the CVAD API's error bodies. The published material disagrees (see the
 * {@linkplain io.desknotify.testkit.citrix package documentation}), so the emulator offers both.
 */
public enum CitrixErrorShape {
    /**
     * {@code ErrorData}: {@code {"ErrorMessage": ..., "SdkErrorId": ..., "ErrorType": ...}}, what Citrix's Terraform
     * provider reads from the real service (the default).
     */
    ERROR_DATA,
    /**
     * {@code ErrorResponse}: {@code {"Type": "https://errors-api.cloud.com/cvad/<error>", "Detail": ...,
     * "Parameters": []}}, what the current generated Go client declares.
     */
    ERROR_RESPONSE
}
