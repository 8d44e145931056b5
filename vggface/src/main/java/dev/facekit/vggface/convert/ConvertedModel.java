package dev.facekit.vggface.convert;

import dev.facekit.vggface.ModelDescriptor;
import java.nio.file.Path;

/**
 * What {@link VggFaceConverter#convert} wrote.
 *
 * @param directory the SavedModel directory, loadable with {@code SavedModelEmbedder.load}
 * @param architecture the converted network
 * @param includeTop whether the weight file had the classifier, so the model predicts identities
 * @param parameters the number of weights read from the file
 * @param descriptor the model descriptor written next to {@code saved_model.pb}
 */
public record ConvertedModel(
        Path directory,
        Architecture architecture,
        boolean includeTop,
        long parameters,
        ModelDescriptor descriptor) {}
