package org.mlpvision.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * A model's parameter values (weights and BatchNorm running statistics) as bytes, keyed by name.
 * Loading copies values into the existing arrays, so that their identity, device and gradient flag
 * stay what the training loop set up (DJL's {@code loadParameters} replaces the arrays instead).
 */
public final class ModelState {
  private ModelState() {}

  /** Every parameter of {@code model}, by name, in DJL's exact array encoding. */
  public static byte[] save(Block model) throws IOException {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bos);
    var params = model.getParameters();
    out.writeInt(params.size());
    for (Pair<String, Parameter> p : params) {
      out.writeUTF(p.getKey());
      byte[] bytes = p.getValue().getArray().encode();
      out.writeInt(bytes.length);
      out.write(bytes);
    }
    out.flush();
    return bos.toByteArray();
  }

  /**
   * Copies saved values into {@code model}'s initialized parameters.
   *
   * @throws IOException when names, count or shapes differ from the model's
   */
  public static void load(Block model, byte[] state) throws IOException {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(state));
    var params = model.getParameters();
    int n = in.readInt();
    if (n != params.size()) {
      throw new IOException(
          "checkpoint has " + n + " parameters but the model has " + params.size());
    }
    for (Pair<String, Parameter> p : params) {
      String name = in.readUTF();
      if (!name.equals(p.getKey())) {
        throw new IOException(
            "checkpoint parameter '" + name + "' found where the model has '" + p.getKey() + "'");
      }
      byte[] bytes = new byte[in.readInt()];
      in.readFully(bytes);
      NDArray dst = p.getValue().getArray();
      try (NDManager tmp = dst.getManager().newSubManager()) {
        NDArray src = NDArray.decode(tmp, bytes);
        if (!src.getShape().equals(dst.getShape())) {
          throw new IOException(
              "parameter '"
                  + name
                  + "': checkpoint shape "
                  + src.getShape()
                  + ", model "
                  + dst.getShape());
        }
        dst.set(src.toByteBuffer());
      }
    }
  }
}
