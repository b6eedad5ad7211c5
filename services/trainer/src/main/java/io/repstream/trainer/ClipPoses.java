package io.repstream.trainer;

import io.repstream.exercise.PoseInput;
import io.repstream.ingest.sample.FrameSampler;
import io.repstream.media.FfmpegNatives;
import io.repstream.vision.pose.MoveNet;
import io.repstream.vision.pose.MoveNetModel;
import io.repstream.vision.pose.PersonCropTracker;
import io.repstream.vision.pose.Pose;
import io.repstream.vision.pose.PoseEstimator;
import io.repstream.vision.pose.RgbImage;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.Java2DFrameConverter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The poses of one video clip as the classifier would see them: frames sampled at the classifier's rate by
 * ingest's sampler, MoveNet inside one tracking crop that follows the person through the clip, and the best
 * pose of each frame (none where nobody was found). Extraction is slow, so results are cached in a folder,
 * keyed by the clip's SHA-256, the pose model, the rate and the score threshold: editing a clip or changing the
 * model misses the cache instead of reusing stale poses.
 */
public final class ClipPoses {
  private static final Logger LOG = LoggerFactory.getLogger(ClipPoses.class);
  /** The rate the classifier sees frames at (ingest samples 10 fps by default). */
  public static final double SAMPLE_FPS = SyntheticPoses.SAMPLE_FPS;
  private static final int CACHE_FORMAT = 1;

  private final MoveNetModel kind;
  private final Optional<MoveNet> moveNet;
  private final double minPoseScore;
  private final Optional<Path> cacheDir;

  public ClipPoses(MoveNet moveNet, double minPoseScore, Optional<Path> cacheDir) {
    this(moveNet.kind(), Optional.of(moveNet), minPoseScore, cacheDir);
  }

  private ClipPoses(MoveNetModel kind, Optional<MoveNet> moveNet, double minPoseScore, Optional<Path> cacheDir) {
    this.kind = kind;
    this.moveNet = moveNet;
    this.minPoseScore = minPoseScore;
    this.cacheDir = cacheDir;
  }

  /** Poses from the cache alone, without loading a pose model; a clip not cached is an error. */
  public static ClipPoses cacheOnly(MoveNetModel kind, double minPoseScore, Path cacheDir) {
    return new ClipPoses(kind, Optional.empty(), minPoseScore, Optional.of(cacheDir));
  }

  /** One sampled frame's best pose, or empty where MoveNet found nobody above the score threshold. */
  public record SampledFrame(long timestampMicros, Optional<PoseInput> pose) {
    private static final double MICROS_PER_SECOND = 1e6;

    /** Seconds from the clip's start, the unit labels beside a clip use. */
    public double seconds() {
      return timestampMicros / MICROS_PER_SECOND;
    }
  }

  /** Every sampled frame of the clip, in time order, from the cache when it holds this clip. */
  public List<SampledFrame> frames(Path clip) {
    Optional<Path> cached = cacheDir.map(d -> d.resolve(cacheKey(clip) + ".poses"));
    if (cached.isPresent() && Files.isRegularFile(cached.get())) {
      try {
        return readCache(cached.get());
      } catch (IOException e) {
        LOG.warn("Pose cache {} is unreadable ({}); extracting {} again", cached.get(), e.getMessage(), clip);
      }
    }
    if (moveNet.isEmpty()) {
      throw new IllegalArgumentException(clip + " has no cached poses in " + cacheDir.orElseThrow() + " and no pose model was loaded");
    }
    long start = System.nanoTime();
    List<SampledFrame> frames = extract(clip, moveNet.get());
    LOG.info("{}: {} frames at {} fps, poses in {} of them, {} s", clip.getFileName(), frames.size(), SAMPLE_FPS,
        frames.stream().filter(f -> f.pose().isPresent()).count(), (System.nanoTime() - start) / 1_000_000_000L);
    if (cached.isPresent()) {
      writeCache(cached.get(), frames);
    }
    return frames;
  }

  private List<SampledFrame> extract(Path clip, MoveNet moveNet) {
    FfmpegNatives.load();
    List<SampledFrame> out = new ArrayList<>();
    FrameSampler sampler = new FrameSampler(SAMPLE_FPS);
    PersonCropTracker tracker = new PersonCropTracker();
    try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(clip.toFile());
        Java2DFrameConverter converter = new Java2DFrameConverter();
        PoseEstimator estimator = moveNet.newEstimator(minPoseScore)) {
      grabber.start();
      Frame frame;
      while ((frame = grabber.grabImage()) != null) {
        long micros = grabber.getTimestamp();
        if (!sampler.accept(micros)) {
          continue;
        }
        RgbImage image = RgbImage.of(converter.convert(frame));
        List<Pose> poses = estimator.estimateTracked(List.of(image), List.of(tracker)).get(0);
        Optional<PoseInput> best = poses.stream().max(Comparator.comparingDouble(Pose::score)).map(p -> PoseInput.of(p, image.width(), image.height()));
        out.add(new SampledFrame(micros, best));
      }
      grabber.stop();
    } catch (FrameGrabber.Exception e) {
      throw new IllegalArgumentException("cannot decode " + clip + ": " + e.getMessage(), e);
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException(clip + " has no video frames");
    }
    return out;
  }


  private String cacheKey(Path clip) {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(clip))) {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[1 << 16];
      int n;
      while ((n = in.read(buffer)) > 0) {
        sha.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(sha.digest()) + "-" + kind.fileBaseName() + "-" + (int) SAMPLE_FPS + "fps-"
          + minPoseScore;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read clip " + clip, e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<SampledFrame> readCache(Path file) throws IOException {
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
      if (in.readInt() != CACHE_FORMAT) {
        throw new IOException("unknown cache format");
      }
      int n = in.readInt();
      List<SampledFrame> frames = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        long micros = in.readLong();
        int keypoints = in.readInt();
        if (keypoints == 0) {
          frames.add(new SampledFrame(micros, Optional.empty()));
          continue;
        }
        float aspect = in.readFloat();
        float[][] k = new float[keypoints][3];
        for (float[] kp : k) {
          kp[0] = in.readFloat();
          kp[1] = in.readFloat();
          kp[2] = in.readFloat();
        }
        frames.add(new SampledFrame(micros, Optional.of(new PoseInput(k, aspect))));
      }
      return frames;
    }
  }

  private static void writeCache(Path file, List<SampledFrame> frames) {
    try {
      Files.createDirectories(file.getParent());
      Path tmp = Files.createTempFile(file.getParent(), "poses", ".tmp");
      try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
        out.writeInt(CACHE_FORMAT);
        out.writeInt(frames.size());
        for (SampledFrame f : frames) {
          out.writeLong(f.timestampMicros());
          if (f.pose().isEmpty()) {
            out.writeInt(0);
            continue;
          }
          PoseInput p = f.pose().get();
          out.writeInt(p.keypoints().length);
          out.writeFloat(p.aspect());
          for (float[] kp : p.keypoints()) {
            out.writeFloat(kp[0]);
            out.writeFloat(kp[1]);
            out.writeFloat(kp[2]);
          }
        }
      }
      // Written aside and moved, so a killed run never leaves half a cache file that later reads as poses.
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      LOG.warn("Cannot write pose cache {}: {}", file, e.getMessage());
    }
  }
}
