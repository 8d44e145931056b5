/**
 * Evaluation and calibration: how good a detector and an embedder are on labelled data, and which
 * threshold gives a chosen false-match rate.
 *
 * <p>Verification: read a pair list ({@link dev.facekit.eval.PairList}), turn each pair into a
 * distance ({@link dev.facekit.eval.PairScorer}, with an optional {@link
 * dev.facekit.eval.EmbeddingCache}), and compute the metrics from the distances ({@link
 * dev.facekit.eval.VerificationScores}, summarised by {@link dev.facekit.eval.VerificationReport}).
 * Detection: compare detections with ground-truth boxes ({@link dev.facekit.eval.BoxAnnotations},
 * {@link dev.facekit.eval.DetectionEvaluator}).
 *
 * <p>Every number is defined in {@code core/EVALUATION.md}. Distances follow {@link
 * dev.facekit.embed.Metric}: lower means more alike, and a pair is called "same" when its distance
 * is at most the threshold.
 */
package dev.facekit.eval;
