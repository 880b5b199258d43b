import sys, sympy
from sympy.combinatorics.named_groups import SymmetricGroup
from sympy.combinatorics import Permutation, PermutationGroup
assert sympy.__version__ == '1.11.1', sympy.__version__
outdir = sys.argv[1]
groups = {'S%d' % n: (lambda n=n: SymmetricGroup(n)) for n in range(2, 7)}
groups['A5'] = lambda: PermutationGroup(Permutation(0, 1, 2, 3, 4), Permutation(1, 2)(3, 4))
for name, make in groups.items():
    G = make()
    with open('%s/%s.txt' % (outdir, name), 'w') as f:
        f.write('# %s in the element order of sympy %s PermutationGroup._elements (array forms, one\n' % (name, sympy.__version__))
        f.write('# element per line, line k = element index k); the order Chughtai et al. index by.\n')
        for p in G._elements:
            f.write(' '.join(str(i) for i in p.array_form) + '\n')
