package dev.facekit.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.facekit.detect.DetectedFace;
import dev.facekit.embed.Embedding;
import dev.facekit.geometry.BoundingBox;
import dev.facekit.geometry.Landmarks;
import dev.facekit.geometry.Point;

/**
 * Builds the JSON objects of the tool's output. The field names here are the stable contract of
 * CLI.md: change them only together with that file and a note in the changelog.
 */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}

    static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    /** {@code {"x", "y", "width", "height"}} in pixels. */
    static ObjectNode box(BoundingBox box) {
        ObjectNode node = object();
        node.put("x", box.x());
        node.put("y", box.y());
        node.put("width", box.width());
        node.put("height", box.height());
        return node;
    }

    /** {@code {"x", "y"}} in pixels. */
    static ObjectNode point(Point p) {
        ObjectNode node = object();
        node.put("x", p.x());
        node.put("y", p.y());
        return node;
    }

    /** {@code {"leftEye", "rightEye", "nose", "mouthLeft", "mouthRight"}}, each a point. */
    static ObjectNode landmarks(Landmarks l) {
        ObjectNode node = object();
        node.set("leftEye", point(l.leftEye()));
        node.set("rightEye", point(l.rightEye()));
        node.set("nose", point(l.nose()));
        node.set("mouthLeft", point(l.mouthLeft()));
        node.set("mouthRight", point(l.mouthRight()));
        return node;
    }

    /** {@code {"box", "confidence", "landmarks"}}. */
    static ObjectNode face(DetectedFace face) {
        ObjectNode node = object();
        node.set("box", box(face.box()));
        node.put("confidence", face.confidence());
        node.set("landmarks", landmarks(face.landmarks()));
        return node;
    }

    /** The embedding's components as an array of numbers. */
    static ArrayNode vector(Embedding embedding) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode(embedding.dimension());
        for (float v : embedding.vector()) {
            array.add(v);
        }
        return array;
    }

    /** {@code {"image": PATH, "error": {"type", "message"}}}. */
    static ObjectNode error(String image, String type, String message) {
        ObjectNode error = object();
        error.put("type", type);
        error.put("message", message);
        ObjectNode node = object();
        node.put("image", image);
        node.set("error", error);
        return node;
    }
}
