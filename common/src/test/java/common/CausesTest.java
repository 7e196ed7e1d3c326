package common;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.UnresolvedAddressException;
import org.junit.jupiter.api.Test;

class CausesTest {
    @Test
    void describe_message_isTheMessage() {
        assertThat(Causes.describe(new IOException(" disk full \n"))).isEqualTo("disk full");
    }

    @Test
    void describe_noMessageButACauseWithOne_isTheCausesMessage() {
        IOException e = new IOException(null, new ConnectException("Connection refused"));

        assertThat(Causes.describe(e)).isEqualTo("Connection refused");
    }

    @Test
    void describe_wrapperWhoseMessageIsTheCausesToString_isTheCausesMessage() {
        UncheckedIOException e = new UncheckedIOException(new IOException("broken pipe"));

        assertThat(e.getMessage()).isEqualTo("java.io.IOException: broken pipe");
        assertThat(Causes.describe(e)).isEqualTo("broken pipe");
    }

    @Test
    void describe_refusedConnectionAsJavaNetHttpReportsIt_saysSoAndNamesTheType() {
        // java.net.http (JDK 17): ConnectException over ConnectException over ClosedChannelException, no messages.
        ConnectException e = (ConnectException) new ConnectException().initCause(
                new ConnectException().initCause(new ClosedChannelException()));

        assertThat(Causes.describe(e)).isEqualTo("connection refused or host unreachable (ConnectException)");
    }

    @Test
    void describe_unknownHostAsJavaNetHttpReportsIt_saysUnknownHost() {
        ConnectException e = (ConnectException) new ConnectException().initCause(new UnresolvedAddressException());

        assertThat(Causes.describe(e)).isEqualTo("unknown host (UnresolvedAddressException)");
    }

    @Test
    void describe_unknownHostWithTheHostAsMessage_saysUnknownHost() {
        IOException e = new IOException(null, new UnknownHostException("no-such-host.invalid"));

        assertThat(Causes.describe(e)).isEqualTo("unknown host: no-such-host.invalid");
    }

    @Test
    void describe_timeoutWithoutMessage_saysTimedOut() {
        assertThat(Causes.describe(new IOException(new HttpConnectTimeoutException(null))))
                .isEqualTo("timed out (HttpConnectTimeoutException)");
    }

    @Test
    void describe_closedChannel_saysConnectionClosed() {
        assertThat(Causes.describe(new ClosedChannelException()))
                .isEqualTo("connection closed (ClosedChannelException)");
        assertThat(Causes.describe(new EOFException())).isEqualTo("ended early (EOFException)");
    }

    @Test
    void describe_unknownTypeWithoutMessage_isItsSimpleName() {
        assertThat(Causes.describe(new IllegalStateException())).isEqualTo("IllegalStateException");
        assertThat(Causes.describe(new IOException("   "))).isEqualTo("IOException");
    }

    @Test
    void describe_causeCycle_ends() {
        IOException a = new IOException();
        IOException b = new IOException(a);
        a.initCause(b);

        assertThat(Causes.describe(b)).isEqualTo("IOException");
    }
}
