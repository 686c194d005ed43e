package org.mlpvision.spark.data;

import java.io.Serializable;

/**
 * One image of a job's input, as the driver hands it to a partition.
 *
 * @param id the name its outputs carry: the COCO image id, the ADE20K file stem, or the path
 *     relative to the input folder or as the list names it
 * @param cocoId the {@code image_id} of its entries in a COCO results file: the annotation file's
 *     id, else its 1-based position in the input
 * @param path the image file (a Hadoop path)
 * @param groundTruth its label map (ADE20K), or null
 */
public record ImageRecord(String id, long cocoId, String path, String groundTruth)
    implements Serializable {
  private static final long serialVersionUID = 1L;
}
