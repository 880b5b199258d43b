package io.grokking.trainer.task.group;

/** The families of {@code task.group}, by the letter that names them. */
public enum GroupFamily {
  /** C_n, the integers mod n under addition; order n. */
  CYCLIC('C'),
  /** D_n, the symmetries of a regular n-gon; order 2n. */
  DIHEDRAL('D'),
  /** S_n, all permutations of n points; order n!. */
  SYMMETRIC('S'),
  /** A_n, the even permutations of n points; order n!/2. */
  ALTERNATING('A');

  private final char letter;

  GroupFamily(char letter) {
    this.letter = letter;
  }

  public char letter() {
    return letter;
  }
}
