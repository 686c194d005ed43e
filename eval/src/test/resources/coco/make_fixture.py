"""Regenerates the pycocotools cross-check fixture (not needed by the build).

python3 -m pip install --target /tmp/pycoco pycocotools
PYTHONPATH=/tmp/pycoco python3 make_fixture.py
Writes gt.json, results-bbox.json, results-segm.json, results-segm-mmdet.json and expected.json
(the 12 stats of pycocotools' COCOeval for each case).
"""
import json, io, contextlib
import numpy as np
from pycocotools import mask as M
from pycocotools.coco import COCO
from pycocotools.cocoeval import COCOeval

rng = np.random.default_rng(20261121)
cats = [1, 3, 7, 8, 12]
images, anns, masks = [], [], {}
aid = 1
for i in range(24):
    h, w = int(rng.integers(40, 130)), int(rng.integers(40, 130))
    images.append({"id": 100 + 2 * i, "file_name": f"{i}.jpg", "height": h, "width": w})
    if i % 7 == 3:
        continue  # image without annotations
    for _ in range(int(rng.integers(1, 6))):
        c = int(rng.choice(cats[:4]))
        bw, bh = int(rng.integers(4, w)), int(rng.integers(4, h))
        x, y = int(rng.integers(0, w - bw + 1)), int(rng.integers(0, h - bh + 1))
        crowd = rng.random() < 0.15
        if crowd:
            m = np.zeros((h, w), np.uint8, order="F")
            m[y:y + bh, x:x + bw] = (rng.random((bh, bw)) < 0.7)
            # uncompressed counts, as COCO stores crowds
            counts = []
            flat = m.flatten(order="F")
            cur, run = 0, 0
            for v in flat:
                if v != cur:
                    counts.append(run); run = 0; cur = v
                run += 1
            counts.append(run)
            seg = {"size": [h, w], "counts": counts}
        elif rng.random() < 0.2:
            m = np.zeros((h, w), np.uint8, order="F")
            m[y:y + bh, x:x + bw] = 1
            r = M.encode(m)
            seg = {"size": [h, w], "counts": r["counts"].decode()}
        else:
            k = int(rng.integers(3, 8))
            ang = np.sort(rng.random(k)) * 2 * np.pi
            cx, cy = x + bw / 2, y + bh / 2
            poly = []
            for a in ang:
                poly += [round(float(cx + np.cos(a) * bw / 2), 2), round(float(cy + np.sin(a) * bh / 2), 2)]
            seg = [poly]
        rle = M.frPyObjects(seg, h, w) if isinstance(seg, list) or isinstance(seg["counts"], list) else seg
        if isinstance(rle, list):
            rle = M.merge(rle)
        area = float(M.area(rle))
        if rng.random() < 0.1:
            area = float(area * 3 + 1000)
        bbox = [float(v) for v in M.toBbox(rle)]
        anns.append({"id": aid, "image_id": images[-1]["id"], "category_id": c, "bbox": bbox,
                     "area": area, "iscrowd": int(crowd), "segmentation": seg})
        masks[aid] = (M.decode(rle), images[-1])
        aid += 1

gt = {"images": images, "categories": [{"id": c, "name": f"c{c}", "supercategory": "s"} for c in cats],
      "annotations": anns}

res_bbox, res_segm, res_mmdet = [], [], []
for a in anns:
    m, im = masks[a["id"]]
    for _ in range(int(rng.integers(0, 4))):
        dx, dy = int(rng.integers(-3, 4)), int(rng.integers(-3, 4))
        mm = np.roll(np.roll(m, dy, 0), dx, 1)
        if not mm.any():
            continue
        r = M.encode(np.asfortranarray(mm))
        score = round(float(rng.random()), 1)
        c = a["category_id"] if rng.random() < 0.85 else int(rng.choice(cats))
        box = [float(v) for v in M.toBbox(r)]
        box = [box[0] + float(rng.integers(-2, 3)), box[1], box[2] + float(rng.integers(0, 3)), box[3]]
        seg = {"size": r["size"], "counts": r["counts"].decode()}
        res_bbox.append({"image_id": a["image_id"], "category_id": c, "bbox": box, "score": score})
        res_segm.append({"image_id": a["image_id"], "category_id": c, "segmentation": seg, "score": score})
        res_mmdet.append({"image_id": a["image_id"], "category_id": c, "bbox": box, "score": score,
                          "segmentation": seg})
for im in images:
    for _ in range(int(rng.integers(0, 4))):
        h, w = im["height"], im["width"]
        bw, bh = int(rng.integers(2, w)), int(rng.integers(2, h))
        x, y = int(rng.integers(0, w - bw + 1)), int(rng.integers(0, h - bh + 1))
        mm = np.zeros((h, w), np.uint8, order="F"); mm[y:y + bh, x:x + bw] = 1
        r = M.encode(mm)
        seg = {"size": r["size"], "counts": r["counts"].decode()}
        c = int(rng.choice(cats)); score = round(float(rng.random()), 2)
        box = [float(x), float(y), float(bw), float(bh)]
        res_bbox.append({"image_id": im["id"], "category_id": c, "bbox": box, "score": score})
        res_segm.append({"image_id": im["id"], "category_id": c, "segmentation": seg, "score": score})
        res_mmdet.append({"image_id": im["id"], "category_id": c, "bbox": box, "score": score, "segmentation": seg})

def dump(name, obj):
    with open(name, "w") as f:
        json.dump(obj, f, separators=(",", ":"))

dump("gt.json", gt); dump("results-bbox.json", res_bbox)
dump("results-segm.json", res_segm); dump("results-segm-mmdet.json", res_mmdet)

expected = {}
for key, res, typ, md in [("bbox", "results-bbox.json", "bbox", [1, 10, 100]),
                          ("bbox_mmdet_limits", "results-bbox.json", "bbox", [100, 300, 1000]),
                          ("bbox_small_limits", "results-bbox.json", "bbox", [1, 2, 3]),
                          ("segm", "results-segm.json", "segm", [1, 10, 100]),
                          ("segm_mmdet", "results-segm-mmdet.json", "segm", [100, 300, 1000])]:
    with contextlib.redirect_stdout(io.StringIO()):
        g = COCO("gt.json"); d = g.loadRes(res)
        e = COCOeval(g, d, typ); e.params.maxDets = md
        e.evaluate(); e.accumulate(); e.summarize()
    expected[key] = {"results": res, "iou_type": typ, "max_dets": md,
                     "stats": [float(v) for v in e.stats]}
with open("expected.json", "w") as f:
    json.dump(expected, f, indent=1)
print(json.dumps({k: v["stats"][:3] for k, v in expected.items()}))
print(len(anns), len(res_bbox))
