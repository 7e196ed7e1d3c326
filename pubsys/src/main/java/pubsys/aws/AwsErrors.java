package pubsys.aws;

import common.Causes;
import common.ErrorCategory;
import common.TwoliterException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/** Turns SDK exceptions into one line that names the call, the region and AWS's own error code and message. */
public final class AwsErrors {
    private AwsErrors() {
    }

    /** {@code <call> in <region> failed: <code>: <message> (HTTP <status>)}, without a stack trace. */
    public static String describe(String call, String region, SdkException e) {
        StringBuilder b = new StringBuilder(call).append(" in ").append(region).append(" failed: ");
        if (e instanceof AwsServiceException service && service.awsErrorDetails() != null) {
            String code = service.awsErrorDetails().errorCode();
            String message = service.awsErrorDetails().errorMessage();
            b.append(code == null ? "error" : code);
            if (message != null && !message.isBlank()) {
                b.append(": ").append(message);
            }
            b.append(" (HTTP ").append(service.statusCode()).append(')');
        } else {
            b.append(Causes.describe(e));
        }
        return b.toString();
    }

    /** The AWS error code of {@code e}, or empty for client-side failures. */
    public static String code(SdkException e) {
        if (e instanceof AwsServiceException service && service.awsErrorDetails() != null
                && service.awsErrorDetails().errorCode() != null) {
            return service.awsErrorDetails().errorCode();
        }
        return "";
    }

    public static TwoliterException failure(String call, String region, SdkException e) {
        return new TwoliterException(ErrorCategory.FAILURE, describe(call, region, e), e);
    }
}
