package io.desknotify.spring;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Explains an {@link InvalidDesknotifyPropertyException} at start-up, naming the property to fix. */
class InvalidDesknotifyPropertyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidDesknotifyPropertyException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidDesknotifyPropertyException cause) {
        String description = "The desknotify Notifier could not be configured:\n\n"
                + "    Property: " + cause.property() + "\n"
                + "    Reason: " + cause.reason() + "\n";
        String action = "Update your application's configuration: set or correct the property '"
                + cause.property() + "'. The desknotify.* properties are described in the starter's "
                + "configuration metadata (IDE completion) and README.";
        return new FailureAnalysis(description, action, cause);
    }
}
