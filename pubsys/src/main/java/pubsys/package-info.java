/**
 * Publishing: so far the building blocks of update repositories (repo-expiration and wave policies, date
 * arguments, the update manifest); the TUF repository, AMI and SSM commands come with their issues.
 */
package pubsys;
