"""Usage: python3 chughtai_weights.py MODEL.pt OUTDIR

Reads a OneLayerMLP state dict saved by Chughtai et al. (rep_theory/utils/models.py) without
torch, and writes to OUTDIR the matrices their percent_x_embed / percent_unembed metrics use
(rep_theory/utils/metrics.py get_embeds/get_unembed) as whitespace text: x_embed = W_x @
W[:embed_dim], y_embed = W_y @ W[embed_dim:], unembed = W_U; and logits.f64, the logits of all
N^2 pairs (row x*N + y, their get_all_data order) as little-endian float64, N^2 x N.
For ChughtaiWeightsCheckTest."""
import sys, zipfile, pickle, numpy as np, os

def load(path):
    z = zipfile.ZipFile(path)
    prefix = z.namelist()[0].split('/')[0]
    class Storage:
        def __init__(self, key, dtype): self.key, self.dtype = key, dtype
    def rebuild(storage, offset, size, stride, *args):
        raw = np.frombuffer(z.read('%s/data/%s' % (prefix, storage.key)), dtype=storage.dtype)
        return np.lib.stride_tricks.as_strided(raw[offset:], shape=size,
            strides=[s * raw.itemsize for s in stride]).copy()
    class U(pickle.Unpickler):
        def find_class(self, mod, name):
            if name == '_rebuild_tensor_v2': return rebuild
            if name == 'FloatStorage': return np.float32
            if name == 'OrderedDict':
                import collections; return collections.OrderedDict
            return super().find_class(mod, name)
        def persistent_load(self, pid):
            _, dtype, key, location, n = pid
            return Storage(key, dtype)
    return U(z.open('%s/data.pkl' % prefix)).load()

sd = load(sys.argv[1])
out = sys.argv[2]
e = sd['W_x'].shape[1]
W = sd['W'].astype(np.float64)
np.savetxt(os.path.join(out, 'x_embed.txt'), sd['W_x'].astype(np.float64) @ W[:e])
np.savetxt(os.path.join(out, 'y_embed.txt'), sd['W_y'].astype(np.float64) @ W[e:])
np.savetxt(os.path.join(out, 'unembed.txt'), sd['W_U'].astype(np.float64))
n = sd['W_x'].shape[0]
x = np.repeat(np.arange(n), n)
y = np.tile(np.arange(n), n)
stack = np.concatenate([sd['W_x'][x], sd['W_y'][y]], axis=1).astype(np.float64)
logits = np.maximum(stack @ W, 0) @ sd['W_U'].astype(np.float64)
logits.astype('<f8').tofile(os.path.join(out, 'logits.f64'))
