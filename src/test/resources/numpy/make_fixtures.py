#!/usr/bin/env python3
"""Writes the NumPy fixtures for io.aerosink.connect.layout tests.

Run from this folder with numpy 2.x: python3 make_fixtures.py
The tests read the files it writes and never need Python.

Files:
  sensor.descr.json       json.dumps(dtype.descr) of the sensor dtype (every kind, both byte orders,
                          subarrays, padding, a hidden '_' field)
  sensor.bin              the rows as arr.tobytes()
  sensor_v1.npy, sensor_v2.npy   the same rows as .npy format 1.0 and 2.0
  sensor_2d_v1.npy        the same rows reshaped to (2, 3): rows are read in C order
  sensor.expected.txt     what each row decodes to (format below)
  unicode_v3.npy          format 3.0 with a non-latin-1 field name, and unicode_v3.expected.txt
  scalar_0d.npy           a 0-d structured array: one row (row 0 of sensor)
  empty.npy               a structured array of shape (0,)
  fortran_2d.npy          a (2, 2) structured array in Fortran order: refused
  plain_f8.npy            a plain '<f8' array: refused, as it has no key field
  u8_overflow.npy         a u8 bin holding 2**64 - 1: refused, Aerospike integers are signed

Expected-values format, one line per row and field, tab-separated:
  row  field  type  value
with type one of
  int          decimal integer
  double       float.hex(), or inf, -inf, nan
  bool         true / false
  str          hex of the UTF-8 bytes without NumPy's trailing NULs
  sblob        hex of all n bytes of an S<n> field (for BytesAs.BLOB)
  blob         hex of the raw bytes (V fields, and subarrays for SubarrayAs.BLOB)
  list-int, list-double, list-bool   comma-separated elements in C order (SubarrayAs.LIST)
"""
import json
import math

import numpy as np

def sensor_dtype():
    """Every kind in both byte orders, subarrays, a hidden '_' field, and padding that NumPy's descr
    spells ('', '|V3') after 'ok' and ('', '|V2') at the end."""
    names = ['_key', 'temperature', 'humidity', 'pressure', 'status', 'ok', 'tiny',
             'i2le', 'i2be', 'i4be', 'i8le', 'i8be',
             'u2le', 'u2be', 'u4le', 'u4be', 'u8le', 'u8be',
             'f2le', 'f2be', 'f4be', 'f8le',
             'code', 'raw', '_note', 'emb', 'grid', 'flags']
    formats = ['<i4', '>f8', '<f4', '>f4', 'u1', '?', 'i1',
               '<i2', '>i2', '>i4', '<i8', '>i8',
               '<u2', '>u2', '<u4', '>u4', '<u8', '>u8',
               '<f2', '>f2', '>f4', '<f8',
               'S8', 'V3', 'S4', ('<f4', (4,)), ('>i2', (2, 3)), ('?', (3,))]
    packed = np.dtype({'names': names, 'formats': formats})
    offsets = []
    gap = 0
    for name in names:
        offsets.append(packed.fields[name][1] + gap)
        if name == 'ok':
            gap = 3
    return np.dtype({'names': names, 'formats': formats, 'offsets': offsets,
                     'itemsize': packed.itemsize + gap + 2})


def sensor_rows(dt):
    half_subnormal = np.frombuffer(b'\x01\x00', '<f2')[0]      # 2**-24, the smallest half
    half_max_subnormal = np.frombuffer(b'\xff\x03', '<f2')[0]
    rows = [
        (-2**31, 21.5, 0.25, 1013.25, 0, True, -128,
         -2**15, 2**15 - 1, -2**31, -2**63, 2**63 - 1,
         0, 2**16 - 1, 2**32 - 1, 0, 2**63 - 1, 0,
         half_subnormal, -0.0, -1.5, 1e-300,
         b'', b'\x01\x02\x03', b'note', [1, 2, 3, 4], [[1, -2, 3], [-4, 5, -32768]], [True, False, True]),
        (2**31 - 1, -40.125, 99.75, 0.0, 255, False, 127,
         1, -1, 2**31 - 1, 2**62, -2**62,
         2**16 - 1, 1, 123456789, 2**32 - 1, 1, 2**63 - 1,
         half_max_subnormal, 65504.0, np.float32(3.4028235e38), -np.inf,
         b'ABCDEFGH', b'\xff\x00\xee', b'', [0.5, -0.5, np.inf, -np.inf], [[0, 0, 0], [0, 0, 0]], [False] * 3),
        (7, np.nan, np.float32(1.1), np.float32(-2.2), 7, True, 0,
         0, 0, 0, 0, 0,
         1, 2, 3, 4, 5, 6,
         np.inf, -np.inf, np.nan, np.nan,
         'caf\u00e9'.encode(), b'\x00\x00\x00', b'x', [np.nan, 0.0, -0.0, 1e-45], [[1, 2, 3], [4, 5, 6]], [True] * 3),
        (42, 1.0 / 3.0, np.float32(1.0 / 3.0), np.float32(1e-40), 42, True, -1,
         256, 256, 65536, 2**40 + 1, 2**40 + 1,
         256, 256, 65536, 65536, 2**40 + 1, 2**40 + 1,
         0.1, 1.0 / 3.0, 1e-40, 2.5,
         b'a\x00b', b'\x10\x20\x30', b'\x00\x00\x00\x00', [1e10, -1e-10, 3.25, 7], [[-1, -1, -1], [1, 1, 1]], [False, True, False]),
        (-1, -0.0, -0.0, -0.0, 128, False, 100,
         -300, -300, -70000, -5000000000, -5000000000,
         300, 300, 70000, 70000, 5000000000, 5000000000,
         -65504.0, 6.103515625e-05, 2.0, -1e300,
         b'\xce\xb8x', b'abc', b'zz', [2, 4, 8, 16], [[100, 200, 300], [-100, -200, -300]], [True, True, False]),
        (1000000, 20.0, 45.5, 1000.0, 1, True, 1,
         2, 3, 4, 5, 6,
         7, 8, 9, 10, 11, 12,
         1.0, 2.0, 3.0, 4.0,
         b'sensor-1', b'\x01\x01\x01', b'hide', [0.1, 0.2, 0.3, 0.4], [[9, 8, 7], [6, 5, 4]], [False, False, True]),
    ]
    return np.array(rows, dtype=dt)


def fmt_double(x):
    x = float(x)
    if math.isnan(x):
        return 'nan'
    if math.isinf(x):
        return 'inf' if x > 0 else '-inf'
    return x.hex()


def expected_lines(arr):
    lines = []
    dt = arr.dtype
    for r in range(arr.shape[0]):
        row = arr[r]
        for name in dt.names:
            sub, _ = dt.fields[name][:2]
            base = sub.base
            v = row[name]
            if sub.shape:
                lines.append((r, name, 'blob', arr[r:r + 1][name].tobytes().hex()))
                flat = np.asarray(v).reshape(-1)
                if base.kind == 'f':
                    lines.append((r, name, 'list-double', ','.join(fmt_double(e) for e in flat)))
                elif base.kind in 'iu':
                    lines.append((r, name, 'list-int', ','.join(str(int(e)) for e in flat)))
                else:
                    lines.append((r, name, 'list-bool', ','.join('true' if e else 'false' for e in flat)))
            elif base.kind in 'iu':
                lines.append((r, name, 'int', str(int(v))))
            elif base.kind == 'f':
                lines.append((r, name, 'double', fmt_double(v)))
            elif base.kind == 'b':
                lines.append((r, name, 'bool', 'true' if v else 'false'))
            elif base.kind == 'S':
                lines.append((r, name, 'str', bytes(v).hex()))
                lines.append((r, name, 'sblob', arr[r:r + 1][name].tobytes().hex()))
            elif base.kind == 'V':
                lines.append((r, name, 'blob', bytes(v).hex()))
            else:
                raise ValueError(name)
    return lines


def write_expected(path, arr):
    with open(path, 'w', encoding='utf-8') as f:
        f.write('# generated by make_fixtures.py: row, field, type, value (tab-separated)\n')
        for line in expected_lines(arr):
            f.write('\t'.join(str(x) for x in line) + '\n')


def write_npy(path, arr, version):
    with open(path, 'wb') as f:
        np.lib.format.write_array(f, arr, version=version)


def main():
    dt = sensor_dtype()
    arr = sensor_rows(dt)
    with open('sensor.descr.json', 'w') as f:
        f.write(json.dumps(dt.descr) + '\n')
    with open('sensor.bin', 'wb') as f:
        f.write(arr.tobytes())
    write_expected('sensor.expected.txt', arr)
    write_npy('sensor_v1.npy', arr, (1, 0))
    write_npy('sensor_v2.npy', arr, (2, 0))
    write_npy('sensor_2d_v1.npy', arr.reshape(2, 3), (1, 0))
    write_npy('scalar_0d.npy', np.array(arr[0], dtype=dt), (1, 0))
    write_npy('empty.npy', arr[:0], (1, 0))

    uni = np.array([(1, 90.0, b'north'), (2, -45.5, b'south-w')],
                   dtype=[('_key', '<i8'), ('\u03b8_deg', '<f4'), ('name', 'S8')])
    write_npy('unicode_v3.npy', uni, (3, 0))
    write_expected('unicode_v3.expected.txt', uni)

    write_npy('fortran_2d.npy', np.asfortranarray(np.zeros((2, 2), dtype=[('_key', '<i4'), ('v', '<f4')])), (1, 0))
    write_npy('plain_f8.npy', np.arange(3, dtype='<f8'), (1, 0))
    write_npy('u8_overflow.npy', np.array([(1, 2**64 - 1)], dtype=[('_key', '<i4'), ('counter', '<u8')]), (1, 0))


if __name__ == '__main__':
    main()
