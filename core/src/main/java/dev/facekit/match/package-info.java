/**
 * Matching faces: 1:1 verification and 1:N identification against a {@link
 * dev.facekit.match.Gallery}, through the {@link dev.facekit.match.FaceMatcher} facade.
 *
 * <p>One word per concept: a <em>distance</em> always follows the {@link dev.facekit.embed.Metric}
 * of the {@link dev.facekit.embed.Threshold} in use (lower is more alike) and is what every
 * decision and every ranking uses; a <em>similarity</em> is always the cosine similarity of the two
 * raw vectors (in [-1, 1], higher is more alike), reported for information. Under {@code COSINE}
 * the two are tied exactly ({@code distance = 1 - similarity}); under {@code EUCLIDEAN} they rank
 * alike only for vectors of equal length ({@code d^2 = |a|^2 + |b|^2 - 2 |a| |b| similarity}).
 *
 * <p>Galleries persist to one file whose format is described in {@code core/GALLERY.md}.
 */
package dev.facekit.match;
