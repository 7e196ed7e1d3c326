/**
 * Disk images to EBS snapshots through the EBS direct APIs: {@link pubsys.ami.snapshot.SnapshotUploader} and its
 * adapter {@link pubsys.ami.snapshot.AwsEbsSnapshotUploader}, raw and lz4 {@link pubsys.ami.snapshot.ImageSource}s,
 * and {@link pubsys.ami.snapshot.Ec2Snapshots} for waiting on and deleting snapshots. Progress goes to a
 * {@link pubsys.ami.snapshot.ProgressListener}; nothing here prints.
 */
package pubsys.ami.snapshot;
