package armexpr

import (
	"math/big"
	"net/netip"
	"strconv"
)

func registerCIDR() {
	register("parseCidr", fnSpec{min: 1, max: 1, fn: func(c *callCtx) any {
		p, err := c.prefix(0)
		if err != nil {
			return err
		}
		bits := p.Addr().BitLen()
		first, last := rangeOf(p)
		out := map[string]any{
			"network": first.String(),
			"netmask": maskOf(bits, p.Bits()).String(),
			"cidr":    int64(p.Bits()),
		}
		lo, hi := first, last
		if bits == 32 && p.Bits() <= 30 {
			out["broadcast"] = last.String()
			lo, hi = first.Next(), last.Prev()
		} else if bits == 32 {
			out["broadcast"] = last.String()
		}
		if bits == 128 && p.Bits() < 128 {
			lo = first.Next()
		}
		out["firstUsable"] = lo.String()
		out["lastUsable"] = hi.String()
		return out
	}})
	register("cidrSubnet", fnSpec{min: 3, max: 3, fn: func(c *callCtx) any {
		p, err := c.prefix(0)
		if err != nil {
			return err
		}
		newBits, err := c.int(1)
		if err != nil {
			return err
		}
		idx, err := c.int(2)
		if err != nil {
			return err
		}
		bits := p.Addr().BitLen()
		if newBits < int64(p.Bits()) || newBits > int64(bits) {
			return c.errf("the new prefix length %d must be between %d and %d", newBits, p.Bits(), bits)
		}
		count := new(big.Int).Lsh(big.NewInt(1), uint(newBits)-uint(p.Bits()))
		if idx < 0 || big.NewInt(idx).Cmp(count) >= 0 {
			return c.errf("subnet index %d is out of range (%s subnets of /%d in %s)", idx, count.String(), newBits, p)
		}
		base := addrInt(p.Addr())
		base.Add(base, new(big.Int).Lsh(big.NewInt(idx), uint(bits)-uint(newBits)))
		return netip.PrefixFrom(intAddr(base, bits), int(newBits)).String()
	}})
	register("cidrHost", fnSpec{min: 2, max: 2, fn: func(c *callCtx) any {
		p, err := c.prefix(0)
		if err != nil {
			return err
		}
		idx, err := c.int(1)
		if err != nil {
			return err
		}
		bits := p.Addr().BitLen()
		size := new(big.Int).Lsh(big.NewInt(1), uint(bits-p.Bits()))
		// Usable hosts skip the network address (and, for IPv4, the
		// broadcast address).
		usable := new(big.Int).Sub(size, big.NewInt(1))
		if bits == 32 {
			usable.Sub(usable, big.NewInt(1))
		}
		if idx < 0 || big.NewInt(idx).Cmp(usable) >= 0 {
			return c.errf("host index %d is out of range for %s", idx, p)
		}
		a := addrInt(p.Addr())
		a.Add(a, big.NewInt(idx+1))
		return intAddr(a, bits).String()
	}})
}

// prefix reads a CIDR argument, masking host bits as ARM does.
func (c *callCtx) prefix(i int) (netip.Prefix, *EvalError) {
	s, err := c.str(i)
	if err != nil {
		return netip.Prefix{}, err
	}
	p, perr := netip.ParsePrefix(s)
	if perr != nil {
		return netip.Prefix{}, c.errf("invalid CIDR %s", strconv.Quote(s))
	}
	return p.Masked(), nil
}

func rangeOf(p netip.Prefix) (netip.Addr, netip.Addr) {
	bits := p.Addr().BitLen()
	first := addrInt(p.Addr())
	last := new(big.Int).Add(first, new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), uint(bits-p.Bits())), big.NewInt(1)))
	return intAddr(first, bits), intAddr(last, bits)
}

func maskOf(bits, ones int) netip.Addr {
	m := new(big.Int).Lsh(new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), uint(ones)), big.NewInt(1)), uint(bits-ones))
	return intAddr(m, bits)
}

func addrInt(a netip.Addr) *big.Int {
	return new(big.Int).SetBytes(a.AsSlice())
}

func intAddr(n *big.Int, bits int) netip.Addr {
	b := make([]byte, bits/8)
	n.FillBytes(b)
	a, _ := netip.AddrFromSlice(b)
	return a
}
