package dev.facekit.eval;

/**
 * A pair that has no distance because one of its images gave no embedding.
 *
 * @param pair the pair
 * @param image the first of its images that gave none, as written in the pair list
 * @param reason why: "file not found", "no face found" or "unreadable: " and the decoder's message
 */
public record MissingPair(VerificationPair pair, String image, String reason) {}
