package io.repstream.synth.body;

import static io.repstream.synth.body.Dof.*;

/**
 * Places every joint of a mannequin from its proportions and joint angles. The body frame has +X to the
 * person's left, +Y up the spine and +Z out of the chest; the pelvis is the root, at the origin before the
 * caller moves the result into the scene.
 */
public final class ForwardKinematics {
  private final BodyProportions body;

  public ForwardKinematics(BodyProportions body) {
    this.body = body;
  }

  public BodyProportions body() {
    return body;
  }

  public Skeleton solve(BodyPose pose) {
    Vec3[] p = new Vec3[Joint.values().length];
    Rotation root = Rotation.aboutY(rad(pose.get(ROOT_YAW)))
        .then(Rotation.aboutX(rad(pose.get(ROOT_PITCH))))
        .then(Rotation.aboutZ(rad(pose.get(ROOT_ROLL))));
    Vec3 pelvis = Vec3.ZERO;
    set(p, Joint.PELVIS, pelvis);

    Rotation torso = root.then(Rotation.aboutX(rad(pose.get(SPINE_FLEX))))
        .then(Rotation.aboutY(rad(pose.get(SPINE_TWIST))));
    Vec3 neck = pelvis.plus(torso.apply(new Vec3(0, body.torsoLength(), 0)));
    set(p, Joint.NECK, neck);

    Rotation head = torso.then(Rotation.aboutX(rad(pose.get(NECK_FLEX))))
        .then(Rotation.aboutY(rad(pose.get(HEAD_YAW))));
    double r = body.headRadius();
    Vec3 headCenter = neck.plus(head.apply(new Vec3(0, body.neckLength() + 0.9 * r, 0.1 * r)));
    set(p, Joint.HEAD_CENTER, headCenter);
    set(p, Joint.NOSE, headCenter.plus(head.apply(new Vec3(0, -0.2 * r, 1.05 * r))));
    set(p, Joint.LEFT_EYE, headCenter.plus(head.apply(new Vec3(0.36 * r, 0.12 * r, 0.88 * r))));
    set(p, Joint.RIGHT_EYE, headCenter.plus(head.apply(new Vec3(-0.36 * r, 0.12 * r, 0.88 * r))));
    set(p, Joint.LEFT_EAR, headCenter.plus(head.apply(new Vec3(0.97 * r, -0.05 * r, -0.05 * r))));
    set(p, Joint.RIGHT_EAR, headCenter.plus(head.apply(new Vec3(-0.97 * r, -0.05 * r, -0.05 * r))));

    arm(p, pose, torso, neck, true);
    arm(p, pose, torso, neck, false);
    leg(p, pose, root, pelvis, true);
    leg(p, pose, root, pelvis, false);
    return new Skeleton(p);
  }

  private void arm(Vec3[] p, BodyPose pose, Rotation torso, Vec3 neck, boolean left) {
    double side = left ? 1 : -1;
    Vec3 shoulder = neck.plus(torso.apply(new Vec3(side * body.shoulderHalfWidth(), -body.shoulderDrop(), 0)));
    Rotation upper = torso
        .then(Rotation.aboutX(-rad(pose.get(left ? LEFT_SHOULDER_FLEX : RIGHT_SHOULDER_FLEX))))
        .then(Rotation.aboutZ(side * rad(pose.get(left ? LEFT_SHOULDER_ABD : RIGHT_SHOULDER_ABD))))
        .then(Rotation.aboutY(side * rad(pose.get(left ? LEFT_SHOULDER_ROT : RIGHT_SHOULDER_ROT))));
    Vec3 elbow = shoulder.plus(upper.apply(new Vec3(0, -body.upperArm(), 0)));
    Rotation fore = upper.then(Rotation.aboutX(-rad(pose.get(left ? LEFT_ELBOW_FLEX : RIGHT_ELBOW_FLEX))));
    Vec3 wrist = elbow.plus(fore.apply(new Vec3(0, -body.forearm(), 0)));
    Vec3 hand = wrist.plus(fore.apply(new Vec3(0, -body.hand(), 0)));
    set(p, left ? Joint.LEFT_SHOULDER : Joint.RIGHT_SHOULDER, shoulder);
    set(p, left ? Joint.LEFT_ELBOW : Joint.RIGHT_ELBOW, elbow);
    set(p, left ? Joint.LEFT_WRIST : Joint.RIGHT_WRIST, wrist);
    set(p, left ? Joint.LEFT_HAND : Joint.RIGHT_HAND, hand);
  }

  private void leg(Vec3[] p, BodyPose pose, Rotation root, Vec3 pelvis, boolean left) {
    double side = left ? 1 : -1;
    Vec3 hip = pelvis.plus(root.apply(new Vec3(side * body.hipHalfWidth(), 0, 0)));
    Rotation thigh = root
        .then(Rotation.aboutX(-rad(pose.get(left ? LEFT_HIP_FLEX : RIGHT_HIP_FLEX))))
        .then(Rotation.aboutZ(side * rad(pose.get(left ? LEFT_HIP_ABD : RIGHT_HIP_ABD))));
    Vec3 knee = hip.plus(thigh.apply(new Vec3(0, -body.thigh(), 0)));
    Rotation shin = thigh.then(Rotation.aboutX(rad(pose.get(left ? LEFT_KNEE_FLEX : RIGHT_KNEE_FLEX))));
    Vec3 ankle = knee.plus(shin.apply(new Vec3(0, -body.shin(), 0)));
    Rotation foot = shin.then(Rotation.aboutX(rad(pose.get(left ? LEFT_ANKLE_FLEX : RIGHT_ANKLE_FLEX))));
    Vec3 heel = ankle.plus(foot.apply(new Vec3(0, -body.ankleHeight(), -body.heelBack())));
    Vec3 toe = ankle.plus(foot.apply(new Vec3(0, -body.ankleHeight(), body.toeFront())));
    set(p, left ? Joint.LEFT_HIP : Joint.RIGHT_HIP, hip);
    set(p, left ? Joint.LEFT_KNEE : Joint.RIGHT_KNEE, knee);
    set(p, left ? Joint.LEFT_ANKLE : Joint.RIGHT_ANKLE, ankle);
    set(p, left ? Joint.LEFT_HEEL : Joint.RIGHT_HEEL, heel);
    set(p, left ? Joint.LEFT_TOE : Joint.RIGHT_TOE, toe);
  }

  private static void set(Vec3[] p, Joint joint, Vec3 value) {
    p[joint.ordinal()] = value;
  }

  private static double rad(double degrees) {
    return Math.toRadians(degrees);
  }
}
