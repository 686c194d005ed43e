package org.mlpvision.spark.exec;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.mlpvision.spark.JobSpec;
import org.mlpvision.spark.data.ImageRecord;
import org.mlpvision.spark.io.HadoopFiles;

/**
 * A partition's embeddings, as this attempt's part of {@code embeddings.jsonl}: one line {@code
 * {"image": <id>, "embedding": [...]}} per image, in input order.
 */
final class EmbeddingSink implements PartitionSink<float[]> {
  private final Path local;
  private final JsonGenerator json;
  private final String part;
  private boolean finished;

  EmbeddingSink(JobSpec spec, int partition, long attempt) throws IOException {
    local = Files.createTempFile("mlpvision-embeddings-", ".jsonl");
    json = new JsonFactory().createGenerator(local.toFile(), JsonEncoding.UTF8);
    json.setRootValueSeparator(null);
    part =
        HadoopFiles.join(spec.staging(), String.format("part-%05d-%d.jsonl", partition, attempt));
  }

  @Override
  public void accept(ImageRecord image, float[] embedding) throws IOException {
    json.writeStartObject();
    json.writeStringField("image", image.id());
    json.writeArrayFieldStart("embedding");
    for (float v : embedding) {
      json.writeNumber(v);
    }
    json.writeEndArray();
    json.writeEndObject();
    json.writeRaw('\n');
  }

  @Override
  public PartitionOutput finish() throws IOException {
    finished = true;
    json.close();
    HadoopFiles.moveFromLocal(local, part);
    return new PartitionOutput(null, part, List.of());
  }

  @Override
  public void close() throws IOException {
    if (!finished) {
      json.close();
    }
    Files.deleteIfExists(local);
  }
}
