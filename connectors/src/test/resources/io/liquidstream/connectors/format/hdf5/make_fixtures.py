"""Makes the small HDF5 fixtures beside this script with the libraries the real data sets were made with.

shd-vlen.h5: the published SHD layout, written with PyTables variable-length arrays (float16 seconds,
uint16 units, uint16 labels), three samples, the second one empty.
ntidigits-h5py.h5: the N-TIDIGITS layout written with h5py (byte-string keys, float64 seconds,
int32 addresses), two train and one test sample.

Run: python3 make_fixtures.py  (Debian: python3-tables python3-h5py)
"""
import h5py
import numpy as np
import tables

with tables.open_file("shd-vlen.h5", mode="w") as f:
    spikes = f.create_group("/", "spikes")
    times = f.create_vlarray(spikes, "times", tables.Float16Atom(), expectedrows=3, chunkshape=(2,))
    units = f.create_vlarray(spikes, "units", tables.UInt16Atom(), expectedrows=3, chunkshape=(2,))
    for t, u in [([0.0, 0.5, 0.25], [0, 699, 3]), ([], []), ([1.0], [42])]:
        times.append(np.array(t, dtype=np.float16))
        units.append(np.array(u, dtype=np.uint16))
    f.create_array("/", "labels", np.array([7, 19, 0], dtype=np.uint16))

with h5py.File("ntidigits-h5py.h5", "w") as f:
    for split, samples in [("train", [("man-ae-1", [0.001, 0.002], [5, 63]),
                                      ("woman-bc-z4o", [0.5], [0])]),
                           ("test", [("boy-cd-o", [0.25, 0.125], [1, 2])])]:
        f.create_dataset(split + "_labels", data=np.array([k.encode() for k, _, _ in samples]))
        for key, ts, addr in samples:
            f.create_dataset(split + "_timestamps/" + key, data=np.array(ts, dtype=np.float64))
            f.create_dataset(split + "_addresses/" + key, data=np.array(addr, dtype=np.int32))
