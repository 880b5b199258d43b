/**
 * Finite groups (cyclic, dihedral, symmetric, alternating), their real irreducible
 * representations, and the measures by representation of Chughtai, Chan &amp; Nanda 2023.
 */
package io.grokking.trainer.task.group;
