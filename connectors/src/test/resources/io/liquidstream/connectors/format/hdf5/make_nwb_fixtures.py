"""Makes the small NWB fixtures beside this script, laid out as PyNWB 2.8 (hdmf 3.14) writes them.

Layout followed: NWB schema 2.7.0 (namespace "core") with hdmf-common 1.8.0, as PyNWB's NWBHDF5IO
writes an NWBFile built with add_electrode / add_unit / add_trial (pynwb is not installable here, so
this script writes the same HDF5 objects with h5py):
- root attributes nwb_version "2.7.0", neurodata_type "NWBFile", namespace "core", object_id, and
  .specloc (an object reference to /specifications); root datasets file_create_date, identifier,
  session_description, session_start_time, timestamps_reference_time (variable-length UTF-8 text);
- every typed group and dataset carries neurodata_type, namespace and object_id attributes;
- /units (Units): id (ElementIdentifiers, int64), spike_times (VectorData, float64 seconds, with
  resolution), spike_times_index (VectorIndex, unsigned integers of the smallest width holding the
  largest end offset, as hdmf's VectorIndex chooses, with target = object reference to spike_times),
  electrodes (DynamicTableRegion, int64 rows, table = object reference to the electrodes table) with
  electrodes_index, electrode_group (object references); colnames and description attributes;
- /general/extracellular_ephys/electrodes (DynamicTable): id, location, group, group_name;
  /general/extracellular_ephys/<group> (ElectrodeGroup) with a soft link to /general/devices/<device>;
- /intervals/trials (TimeIntervals): id, start_time, stop_time (float64 seconds) and added columns.
Left out: the cached specification under /specifications holds only short namespace stubs (PyNWB
caches the whole schema as JSON there); nothing reads it.

Fixtures:
- nwb-units-trials.nwb: 4 units (one without spikes, one on two electrodes) on electrodes with ids
  10, 11, 12; spike_times chunked and gzip-compressed (as NeuroConv writes them); 3 trials with the
  columns condition (int64), stimulus (text) and correct (bool).
- nwb-processing-units.nwb: no trials and no electrodes; the Units table under
  /processing/ecephys/units; unit ids 5 and 9; 300 spikes, so spike_times_index is uint16; unit 9's
  spike times are out of order.
- nwb-no-units.nwb: an extracellular recording with raw voltages only (an ElectricalSeries in
  /acquisition) and no Units table.

Run: python3 make_nwb_fixtures.py  (Debian: python3-h5py)
"""
import uuid

import h5py
import numpy as np

TEXT = h5py.special_dtype(vlen=str)
START = "2024-01-15T09:30:00.000000+00:00"


def typed(obj, neurodata_type, namespace, **attrs):
    obj.attrs["namespace"] = namespace
    obj.attrs["neurodata_type"] = neurodata_type
    obj.attrs["object_id"] = str(uuid.uuid4())
    for key, value in attrs.items():
        if isinstance(value, list):
            obj.attrs[key] = np.array(value, dtype=TEXT)
        else:
            obj.attrs[key] = value
    return obj


def text(group, name, value):
    return group.create_dataset(name, data=value, dtype=TEXT)


def nwb_file(path, identifier):
    f = h5py.File(path, "w")
    typed(f, "NWBFile", "core", nwb_version="2.7.0")
    text(f, "file_create_date", np.array(["2024-01-15T10:00:00.000000+00:00"], dtype=object))
    text(f, "identifier", identifier)
    text(f, "session_description", "fixture for LiquidStream's NWB reader")
    text(f, "session_start_time", START)
    text(f, "timestamps_reference_time", START)
    for name in ["acquisition", "analysis", "processing", "stimulus/presentation", "stimulus/templates",
                 "general"]:
        f.create_group(name)
    for ns, version in [("core", "2.7.0"), ("hdmf-common", "1.8.0"), ("hdmf-experimental", "0.5.0")]:
        text(f, f"specifications/{ns}/{version}/namespace", '{"namespaces":[{"name":"%s","version":"%s"}]}'
             % (ns, version))
    f.attrs[".specloc"] = f["specifications"].ref
    return f


def vector_data(group, name, data, description, **kwargs):
    return typed(group.create_dataset(name, data=data, **kwargs), "VectorData", "hdmf-common",
                 description=description)


def vector_index(group, name, ends, target):
    dtype = next(t for t in (np.uint8, np.uint16, np.uint32, np.uint64) if max(ends, default=0) <= np.iinfo(t).max)
    return typed(group.create_dataset(name, data=np.array(ends, dtype=dtype)), "VectorIndex", "hdmf-common",
                 description=f"Index for VectorData '{target.name.rsplit('/', 1)[1]}'", target=target.ref)


def ids(group, values):
    typed(group.create_dataset("id", data=np.array(values, dtype=np.int64)), "ElementIdentifiers", "hdmf-common")


def electrodes(f, electrode_ids):
    typed(f.create_group("general/devices/array"), "Device", "core", description="a 3-channel probe",
          manufacturer="fixture")
    group = typed(f.create_group("general/extracellular_ephys/shank0"), "ElectrodeGroup", "core",
                  description="one shank", location="M1")
    group["device"] = h5py.SoftLink("/general/devices/array")
    table = typed(f.create_group("general/extracellular_ephys/electrodes"), "DynamicTable", "hdmf-common",
                  colnames=["location", "group", "group_name"], description="metadata about extracellular electrodes")
    ids(table, electrode_ids)
    n = len(electrode_ids)
    vector_data(table, "location", np.array(["M1"] * n, dtype=object), "the location of channel within the subject e.g. brain region", dtype=TEXT)
    vector_data(table, "group", np.array([group.ref] * n, dtype=h5py.ref_dtype), "a reference to the ElectrodeGroup this electrode is a part of")
    vector_data(table, "group_name", np.array(["shank0"] * n, dtype=object), "the name of the ElectrodeGroup this electrode is a part of", dtype=TEXT)
    return table, group


def units(parent, name, unit_ids, trains, electrode_rows=None, electrode_table=None, electrode_group=None,
          compress=False):
    colnames = ["spike_times"] + (["electrodes", "electrode_group"] if electrode_rows is not None else [])
    table = typed(parent.create_group(name), "Units", "core", colnames=colnames,
                  description="Autogenerated by NWBFile")
    ids(table, unit_ids)
    times = np.concatenate([np.array(t, dtype=np.float64) for t in trains])
    chunks = {"chunks": True, "compression": "gzip", "compression_opts": 4} if compress else {}
    spike_times = vector_data(table, "spike_times", times, "the spike times for each unit in seconds", **chunks)
    spike_times.attrs["resolution"] = 1 / 30000
    vector_index(table, "spike_times_index", list(np.cumsum([len(t) for t in trains])), spike_times)
    if electrode_rows is not None:
        region = typed(table.create_dataset("electrodes", data=np.array(sum(electrode_rows, []), dtype=np.int64)),
                       "DynamicTableRegion", "hdmf-common", description="electrode_table_region",
                       table=electrode_table.ref)
        vector_index(table, "electrodes_index", list(np.cumsum([len(r) for r in electrode_rows])), region)
        vector_data(table, "electrode_group", np.array([electrode_group.ref] * len(unit_ids), dtype=h5py.ref_dtype),
                    "the electrode group that each spike unit came from")
    return table


def trials(f, starts, stops, columns):
    table = typed(f.create_group("intervals/trials"), "TimeIntervals", "core",
                  colnames=["start_time", "stop_time"] + [c[0] for c in columns], description="experimental trials")
    ids(table, list(range(len(starts))))
    vector_data(table, "start_time", np.array(starts, dtype=np.float64), "Start time of epoch, in seconds")
    vector_data(table, "stop_time", np.array(stops, dtype=np.float64), "Stop time of epoch, in seconds")
    for name, description, values in columns:
        kwargs = {"dtype": TEXT} if values.dtype == object else {}
        vector_data(table, name, values, description, **kwargs)


with nwb_file("nwb-units-trials.nwb", "units-trials") as f:
    table, group = electrodes(f, [10, 11, 12])
    units(f, "units", [0, 1, 2, 3],
          [[0.1, 0.5, 1.2, 2.05], [0.15, 1.25], [], [0.3, 1.0, 1.1, 2.5]],
          electrode_rows=[[0], [0], [1], [1, 2]], electrode_table=table, electrode_group=group, compress=True)
    trials(f, [0.0, 1.0, 2.0], [0.9, 1.9, 2.9], [
        ("condition", "reach target", np.array([3, 7, 3], dtype=np.int64)),
        ("stimulus", "cue side", np.array(["left", "right", "left"], dtype=object)),
        ("correct", "whether the trial was rewarded", np.array([True, False, True]))])

with nwb_file("nwb-processing-units.nwb", "processing-units") as f:
    module = typed(f.create_group("processing/ecephys"), "ProcessingModule", "core",
                   description="spike sorting")
    # unit 5: a spike every 10 ms from 0.005 s; unit 9: 100 spikes every 25 ms, stored in reverse order
    units(module, "units", [5, 9], [list(0.005 + 0.01 * np.arange(200)), list((0.0125 + 0.025 * np.arange(100))[::-1])])

with nwb_file("nwb-no-units.nwb", "no-units") as f:
    table, group = electrodes(f, [0, 1, 2])
    series = typed(f.create_group("acquisition/ElectricalSeries"), "ElectricalSeries", "core",
                   comments="no comments", description="raw voltages")
    data = series.create_dataset("data", data=np.zeros((30, 3), dtype=np.int16))
    data.attrs.update({"conversion": 1e-6, "offset": 0.0, "resolution": -1.0, "unit": "volts"})
    starting = series.create_dataset("starting_time", data=0.0)
    starting.attrs.update({"rate": 30000.0, "unit": "seconds"})
    typed(series.create_dataset("electrodes", data=np.arange(3, dtype=np.int64)), "DynamicTableRegion",
                   "hdmf-common", description="all electrodes", table=table.ref)
