/**
 * Publishing: TUF update repositories, AMIs and SSM parameters. Empty until the publishing issues land; the CLI's
 * make tasks that need it say so instead of pretending to succeed.
 */
package pubsys;
