package io.liquidstream.core.projection;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Erf;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Hidden-layer non-linearities of a {@link ProjectionHead}, each with its derivative, on ND4J arrays
 * of any floating-point type, and on single values for plain-Java inference.
 *
 * <p>{@link #GELU} is the exact form {@code x · Φ(x) = x/2 · (1 + erf(x/√2))}, PyTorch's default
 * {@code nn.GELU()}, not the tanh approximation, so weights trained there carry over unchanged.
 */
public enum Activation {
    GELU {
        @Override
        public INDArray applyInPlace(INDArray z) {
            return z.muli(normalCdf(z));
        }

        @Override
        public double apply(double z) {
            return z * 0.5 * (1 + org.apache.commons.math3.special.Erf.erf(z * INV_SQRT_2));
        }

        @Override
        public INDArray derivative(INDArray z) {
            // d/dz z·Φ(z) = Φ(z) + z·φ(z), φ the standard normal density
            INDArray density = Transforms.exp(z.mul(z).muli(-0.5), false).muli(INV_SQRT_2PI);
            return normalCdf(z).addi(density.muli(z));
        }
    },
    RELU {
        @Override
        public INDArray applyInPlace(INDArray z) {
            return Transforms.relu(z, false);
        }

        @Override
        public double apply(double z) {
            return Math.max(0, z);
        }

        @Override
        public INDArray derivative(INDArray z) {
            // 0 at z = 0, as PyTorch
            return Transforms.step(z, true);
        }
    },
    TANH {
        @Override
        public INDArray applyInPlace(INDArray z) {
            return Transforms.tanh(z, false);
        }

        @Override
        public double apply(double z) {
            return Math.tanh(z);
        }

        @Override
        public INDArray derivative(INDArray z) {
            INDArray t = Transforms.tanh(z, true);
            return t.muli(t).rsubi(1.0);
        }
    },
    SIGMOID {
        @Override
        public INDArray applyInPlace(INDArray z) {
            return Transforms.sigmoid(z, false);
        }

        @Override
        public double apply(double z) {
            return 1 / (1 + Math.exp(-z));
        }

        @Override
        public INDArray derivative(INDArray z) {
            INDArray s = Transforms.sigmoid(z, true);
            return s.muli(s.rsub(1.0));
        }
    };

    private static final double INV_SQRT_2 = 1.0 / Math.sqrt(2.0);
    private static final double INV_SQRT_2PI = 1.0 / Math.sqrt(2.0 * Math.PI);

    /** Overwrites {@code z} with the activation of its elements and returns it. */
    public abstract INDArray applyInPlace(INDArray z);

    /** The activation of one value, for plain-Java inference ({@link FrozenHead}). */
    public abstract double apply(double z);

    /** The element-wise derivative at {@code z}, in a new array; {@code z} is left unchanged. */
    public abstract INDArray derivative(INDArray z);

    /** The activation of {@code z} in a new array. */
    public INDArray apply(INDArray z) {
        return applyInPlace(z.dup());
    }

    private static INDArray normalCdf(INDArray z) {
        INDArray scaled = z.mul(INV_SQRT_2);
        Nd4j.exec(new Erf(scaled, scaled));
        return scaled.addi(1.0).muli(0.5);
    }
}
