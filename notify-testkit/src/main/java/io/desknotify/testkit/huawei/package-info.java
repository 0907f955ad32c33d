/** The Huawei Cloud Workspace emulator: {@link io.desknotify.testkit.huawei.HuaweiWorkspaceEmulator}. */
package io.desknotify.testkit.huawei;
