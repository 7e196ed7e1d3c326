package pubsys.ssm;

import common.TwoliterException;
import java.util.Optional;
import pubsys.ami.Ec2Images;
import pubsys.aws.AwsClients;

/** Whether an AMI is public: the one EC2 question of the SSM commands. */
@FunctionalInterface
interface ImageVisibility {
    /** Whether image {@code id} in {@code region} is public; empty when EC2 does not know the image. */
    Optional<Boolean> isPublic(String region, String id) throws TwoliterException;

    /** DescribeImages(ImageIds=[id]).Public, absent meaning private as upstream. */
    static ImageVisibility ec2(AwsClients clients) {
        return (region, id) -> Ec2Images.describe(clients.ec2(region), region, id)
                .map(image -> Boolean.TRUE.equals(image.publicLaunchPermissions()));
    }
}
