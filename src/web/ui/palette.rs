//! Colours and icon of the warnings: one per level, always the same, so that
//! "red ✖ = danger" is learnt (issue 13). Every pair used for text meets WCAG
//! AA (4.5:1); borders and focus rings meet the 3:1 non-text contrast. Pure
//! Rust; the ratios are unit-tested.
use crate::engine::Level;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Palette {
    pub background: u32,
    pub text: u32,
    /// Border and icon colour.
    pub accent: u32,
    pub button_background: u32,
    pub button_text: u32,
    /// Outline of the focused button (against `background`).
    pub focus: u32,
    /// Icon shown in front of the headline (decorative, aria-hidden); symbols
    /// common system fonts have (DejaVu, Segoe UI, Roboto), not emoji.
    pub icon: &'static str,
}

const NOTICE: Palette = Palette { background: 0xEEF3FA, text: 0x1A1A1A, accent: 0x2F4F7F, button_background: 0x2F4F7F, button_text: 0xFFFFFF, focus: 0x1A1A1A, icon: "ℹ" };
const WARNING: Palette = Palette { background: 0xFFF4D6, text: 0x1A1A1A, accent: 0x8A4B00, button_background: 0x5C3200, button_text: 0xFFFFFF, focus: 0x0B3D91, icon: "⚠" };
const DANGER: Palette = Palette { background: 0x7A0014, text: 0xFFFFFF, accent: 0xFFD54F, button_background: 0xFFFFFF, button_text: 0x7A0014, focus: 0xFFD54F, icon: "✖" };

/// The palette of `level` (`Level::None` never renders; it gets the notice colours).
pub fn palette(level: Level) -> Palette {
    match level {
        Level::None | Level::Notice => NOTICE,
        Level::Warning => WARNING,
        Level::Danger => DANGER,
    }
}

/// `#rrggbb`.
pub fn css(color: u32) -> String {
    format!("#{:06x}", color & 0xFF_FFFF)
}

/// WCAG 2 relative luminance of an sRGB colour.
pub fn luminance(color: u32) -> f64 {
    let channel = |shift: u32| {
        let c = ((color >> shift) & 0xFF) as f64 / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(16) + 0.7152 * channel(8) + 0.0722 * channel(0)
}

/// WCAG 2 contrast ratio (1.0 ..= 21.0).
pub fn contrast(a: u32, b: u32) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
    (hi + 0.05) / (lo + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contrast_formula_matches_known_values() {
        assert!((contrast(0x000000, 0xFFFFFF) - 21.0).abs() < 1e-9);
        assert!((contrast(0xFFFFFF, 0xFFFFFF) - 1.0).abs() < 1e-9);
        // #767676 on white is the classic "just passes AA" grey: 4.54.
        let grey = contrast(0x767676, 0xFFFFFF);
        assert!(grey > 4.5 && grey < 4.6, "{grey}");
        assert!(contrast(0x777777, 0xFFFFFF) < 4.5);
    }

    #[test]
    fn every_palette_meets_wcag_aa() {
        for level in [Level::Notice, Level::Warning, Level::Danger] {
            {
                let p = palette(level);
                let ctx = format!("{level:?}");
                assert!(contrast(p.text, p.background) >= 4.5, "text {ctx}: {}", contrast(p.text, p.background));
                assert!(contrast(p.button_text, p.button_background) >= 4.5, "button {ctx}");
                assert!(contrast(p.accent, p.background) >= 3.0, "border {ctx}: {}", contrast(p.accent, p.background));
                assert!(contrast(p.focus, p.background) >= 3.0, "focus {ctx}");
                // A button must stand out from the banner itself.
                assert!(contrast(p.button_background, p.background) >= 3.0, "button edge {ctx}");
            }
        }
    }

    #[test]
    fn each_level_has_its_own_colour_and_icon() {
        let ps = [palette(Level::Notice), palette(Level::Warning), palette(Level::Danger)];
        for (i, a) in ps.iter().enumerate() {
            for b in &ps[i + 1..] {
                assert_ne!(a.background, b.background);
                assert_ne!(a.icon, b.icon);
            }
        }
        assert_eq!(css(0x0B3D91), "#0b3d91");
    }
}
