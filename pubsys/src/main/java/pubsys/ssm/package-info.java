/**
 * SSM parameters of published AMIs (pubsys.md §12): {@link pubsys.ssm.SsmPublisher} ({@code ssm}) renders the
 * parameter templates for an amis.json and sets them, {@link pubsys.ssm.SsmPromoter} ({@code promote-ssm}) copies one
 * version's values to another version's names, {@link pubsys.ssm.SsmValidator} ({@code validate-ssm}) compares what
 * SSM holds with an expected-parameters file. Each has a {@code plan} for dry runs that makes no AWS call.
 */
package pubsys.ssm;
