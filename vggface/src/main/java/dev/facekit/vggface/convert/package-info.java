/**
 * The pure-Java converter of the keras-vggface weight files (VGG16 on VGGFace, ResNet-50 and
 * SE-ResNet-50 on VGGFace2) into SavedModels with a model descriptor: {@link
 * dev.facekit.vggface.convert.VggFaceConverter}. Errors in the input files are {@link
 * dev.facekit.vggface.convert.WeightsFileException}s naming the file, the layer and the shapes.
 */
package dev.facekit.vggface.convert;
