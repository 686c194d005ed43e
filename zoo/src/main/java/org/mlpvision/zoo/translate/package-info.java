/**
 * DJL translators of the model directories: images through the recipe's test pipeline into one
 * padded batch with its image metas ({@link org.mlpvision.zoo.translate.ImageInfo}), and the
 * model's outputs back into DJL's types at each image's original size.
 */
package org.mlpvision.zoo.translate;
