package io.aerosink.connect.mapping;

import static io.aerosink.connect.mapping.KeyDigester.RL;
import static io.aerosink.connect.mapping.KeyDigester.RR;
import static io.aerosink.connect.mapping.KeyDigester.SL;
import static io.aerosink.connect.mapping.KeyDigester.SR;
import static jdk.incubator.vector.VectorOperators.ROL;
import static jdk.incubator.vector.VectorOperators.XOR;

import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * RIPEMD-160's compression of one block for as many messages at once as the JVM's preferred int vector has lanes
 * (16 with AVX-512, 8 with AVX2): the same steps as {@link KeyDigester}'s, each on a vector of one word per
 * message. Arrays hold a word of every lane side by side: word {@code i} of lane {@code k} at
 * {@code [i * lanes() + k]}. Only loaded where the JVM runs with {@code --add-modules jdk.incubator.vector}.
 * C2 turns the vector calls into instructions only when it inlines every one of them into this method: the rounds
 * are loops over a few operations rather than unrolled, and the loads are written out rather than in a helper
 * (either way the method outgrows the inlining limits, every vector is boxed, and a block costs 7x as much).
 */
final class LaneRipemd160 {

    private static final VectorSpecies<Integer> SPECIES = IntVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();

    private LaneRipemd160() {
    }

    static int lanes() {
        return LANES;
    }

    /** One block: {@code h} holds every lane's chaining value (5 words), updated in place, {@code words} its 16. */
    static void compress(int[] h, int[] words) {
        IntVector al = IntVector.fromArray(SPECIES, h, 0);
        IntVector bl = IntVector.fromArray(SPECIES, h, LANES);
        IntVector cl = IntVector.fromArray(SPECIES, h, 2 * LANES);
        IntVector dl = IntVector.fromArray(SPECIES, h, 3 * LANES);
        IntVector el = IntVector.fromArray(SPECIES, h, 4 * LANES);
        IntVector ar = al;
        IntVector br = bl;
        IntVector cr = cl;
        IntVector dr = dl;
        IntVector er = el;
        IntVector t;
        for (int j = 0; j < 16; j++) {
            t = al.add(bl.lanewise(XOR, cl).lanewise(XOR, dl))
                    .add(IntVector.fromArray(SPECIES, words, RL[j] * LANES)).lanewise(ROL, SL[j]).add(el);
            al = el;
            el = dl;
            dl = cl.lanewise(ROL, 10);
            cl = bl;
            bl = t;
            t = ar.add(br.lanewise(XOR, cr.or(dr.not())))
                    .add(IntVector.fromArray(SPECIES, words, RR[j] * LANES))
                    .add(0x50A28BE6).lanewise(ROL, SR[j]).add(er);
            ar = er;
            er = dr;
            dr = cr.lanewise(ROL, 10);
            cr = br;
            br = t;
        }
        for (int j = 16; j < 32; j++) {
            t = al.add(bl.and(cl).or(bl.not().and(dl)))
                    .add(IntVector.fromArray(SPECIES, words, RL[j] * LANES))
                    .add(0x5A827999).lanewise(ROL, SL[j]).add(el);
            al = el;
            el = dl;
            dl = cl.lanewise(ROL, 10);
            cl = bl;
            bl = t;
            t = ar.add(br.and(dr).or(cr.and(dr.not())))
                    .add(IntVector.fromArray(SPECIES, words, RR[j] * LANES))
                    .add(0x5C4DD124).lanewise(ROL, SR[j]).add(er);
            ar = er;
            er = dr;
            dr = cr.lanewise(ROL, 10);
            cr = br;
            br = t;
        }
        for (int j = 32; j < 48; j++) {
            t = al.add(bl.or(cl.not()).lanewise(XOR, dl))
                    .add(IntVector.fromArray(SPECIES, words, RL[j] * LANES))
                    .add(0x6ED9EBA1).lanewise(ROL, SL[j]).add(el);
            al = el;
            el = dl;
            dl = cl.lanewise(ROL, 10);
            cl = bl;
            bl = t;
            t = ar.add(br.or(cr.not()).lanewise(XOR, dr))
                    .add(IntVector.fromArray(SPECIES, words, RR[j] * LANES))
                    .add(0x6D703EF3).lanewise(ROL, SR[j]).add(er);
            ar = er;
            er = dr;
            dr = cr.lanewise(ROL, 10);
            cr = br;
            br = t;
        }
        for (int j = 48; j < 64; j++) {
            t = al.add(bl.and(dl).or(cl.and(dl.not())))
                    .add(IntVector.fromArray(SPECIES, words, RL[j] * LANES))
                    .add(0x8F1BBCDC).lanewise(ROL, SL[j]).add(el);
            al = el;
            el = dl;
            dl = cl.lanewise(ROL, 10);
            cl = bl;
            bl = t;
            t = ar.add(br.and(cr).or(br.not().and(dr)))
                    .add(IntVector.fromArray(SPECIES, words, RR[j] * LANES))
                    .add(0x7A6D76E9).lanewise(ROL, SR[j]).add(er);
            ar = er;
            er = dr;
            dr = cr.lanewise(ROL, 10);
            cr = br;
            br = t;
        }
        for (int j = 64; j < 80; j++) {
            t = al.add(bl.lanewise(XOR, cl.or(dl.not())))
                    .add(IntVector.fromArray(SPECIES, words, RL[j] * LANES))
                    .add(0xA953FD4E).lanewise(ROL, SL[j]).add(el);
            al = el;
            el = dl;
            dl = cl.lanewise(ROL, 10);
            cl = bl;
            bl = t;
            t = ar.add(br.lanewise(XOR, cr).lanewise(XOR, dr))
                    .add(IntVector.fromArray(SPECIES, words, RR[j] * LANES)).lanewise(ROL, SR[j]).add(er);
            ar = er;
            er = dr;
            dr = cr.lanewise(ROL, 10);
            cr = br;
            br = t;
        }
        IntVector h0 = IntVector.fromArray(SPECIES, h, 0);
        IntVector.fromArray(SPECIES, h, LANES).add(cl).add(dr).intoArray(h, 0);
        IntVector.fromArray(SPECIES, h, 2 * LANES).add(dl).add(er).intoArray(h, LANES);
        IntVector.fromArray(SPECIES, h, 3 * LANES).add(el).add(ar).intoArray(h, 2 * LANES);
        IntVector.fromArray(SPECIES, h, 4 * LANES).add(al).add(br).intoArray(h, 3 * LANES);
        h0.add(bl).add(cr).intoArray(h, 4 * LANES);
    }
}
