/*
 * hello-agent: a small daemon for the sample project.
 *
 * Every INTERVAL seconds it logs a greeting built by libhello to standard
 * output (systemd sends that to the journal). SIGTERM or SIGINT makes it log
 * a last line and exit 0; SIGHUP logs that it was poked and carries on.
 *
 * usage: hello-agent [-i SECONDS] [-n NAME] [-c COUNT]
 *   -i  seconds between messages (default 60)
 *   -n  name to greet (default: the host name)
 *   -c  exit after COUNT messages (default 0: run until stopped)
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <hello.h>

static volatile sig_atomic_t stop_signal;
static volatile sig_atomic_t hup_seen;

static void on_stop(int sig)
{
    stop_signal = sig;
}

static void on_hup(int sig)
{
    (void)sig;
    hup_seen = 1;
}

static int install_handler(int sig, void (*fn)(int))
{
    struct sigaction sa;

    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = fn;
    sigemptyset(&sa.sa_mask);
    /* No SA_RESTART: a signal must cut the sleep short. */
    sa.sa_flags = 0;
    return sigaction(sig, &sa, NULL);
}

static long parse_number(const char *arg, const char *what)
{
    char *end = NULL;
    long value;

    errno = 0;
    value = strtol(arg, &end, 10);
    if (errno != 0 || end == arg || *end != '\0' || value < 0) {
        fprintf(stderr, "hello-agent: invalid %s '%s'\n", what, arg);
        exit(2);
    }
    return value;
}

/* Sleep for `seconds`, returning early when a signal arrives. */
static void pause_for(long seconds)
{
    struct timespec left = { .tv_sec = seconds, .tv_nsec = 0 };

    while (!stop_signal && !hup_seen && nanosleep(&left, &left) == -1 && errno == EINTR)
        ;
}

int main(int argc, char **argv)
{
    long interval = 60;
    long count = 0;
    long sent = 0;
    char host[256] = "";
    const char *name = NULL;
    char line[512];
    int opt;

    while ((opt = getopt(argc, argv, "i:n:c:h")) != -1) {
        switch (opt) {
        case 'i':
            interval = parse_number(optarg, "interval");
            break;
        case 'n':
            name = optarg;
            break;
        case 'c':
            count = parse_number(optarg, "count");
            break;
        case 'h':
        default:
            fprintf(stderr, "usage: %s [-i SECONDS] [-n NAME] [-c COUNT]\n", argv[0]);
            return opt == 'h' ? 0 : 2;
        }
    }

    if (name == NULL) {
        if (gethostname(host, sizeof(host) - 1) == 0 && host[0] != '\0')
            name = host;
        else
            name = "world";
    }

    if (install_handler(SIGTERM, on_stop) != 0 || install_handler(SIGINT, on_stop) != 0 ||
        install_handler(SIGHUP, on_hup) != 0) {
        perror("hello-agent: sigaction");
        return 1;
    }

    /* One line per message, even when stdout is a pipe to the journal. */
    setvbuf(stdout, NULL, _IOLBF, 0);
    printf("hello-agent starting (libhello %s, interval %lds)\n", hello_version(), interval);

    while (!stop_signal) {
        if (hello_greeting(line, sizeof(line), name) < 0) {
            fprintf(stderr, "hello-agent: libhello failed to build a greeting\n");
            return 1;
        }
        sent++;
        printf("[%ld] %s\n", sent, line);
        if (count > 0 && sent >= count)
            break;

        pause_for(interval);
        if (hup_seen) {
            hup_seen = 0;
            printf("hello-agent: SIGHUP received, still running\n");
        }
    }

    if (stop_signal)
        printf("hello-agent: received %s, exiting after %ld message(s)\n",
               stop_signal == SIGTERM ? "SIGTERM" : "SIGINT", sent);
    return 0;
}
