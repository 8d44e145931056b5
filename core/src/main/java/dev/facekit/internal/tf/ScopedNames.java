package dev.facekit.internal.tf;

import java.util.HashMap;
import java.util.Map;
import org.tensorflow.op.Ops;

/**
 * Gives ops exact names with slashes, such as {@code pnet/conv1/weights}, for the model generators,
 * whose variables must carry the names of the weights they come from. Each sub-scope is made once
 * and reused: asking TensorFlow Java twice for the same sub-scope would make the second one unique
 * ({@code pnet_1}). Not thread-safe: one instance serves one graph being built.
 */
public final class ScopedNames {

    private final Ops root;
    private final Map<String, Ops> scopes = new HashMap<>();

    /**
     * Creates the names for one graph.
     *
     * @param root the graph's top-level ops
     */
    public ScopedNames(Ops root) {
        this.root = root;
    }

    /**
     * Returns ops whose next op is named {@code name}: the part after the last slash, inside the
     * sub-scopes the slashes name.
     *
     * @param name the full name, for example {@code pnet/conv1/weights}
     * @return ops that name their next op so
     */
    public Ops named(String name) {
        int slash = name.lastIndexOf('/');
        Ops parent = slash < 0 ? root : scope(name.substring(0, slash));
        return parent.withName(name.substring(slash + 1));
    }

    /**
     * Returns the ops of the sub-scope at {@code path}, made on first use.
     *
     * @param path slash-separated scope names, for example {@code pnet/conv1}
     * @return the sub-scope's ops
     */
    public Ops scope(String path) {
        Ops s = scopes.get(path);
        if (s == null) {
            int slash = path.lastIndexOf('/');
            Ops parent = slash < 0 ? root : scope(path.substring(0, slash));
            s = parent.withSubScope(path.substring(slash + 1));
            scopes.put(path, s);
        }
        return s;
    }
}
