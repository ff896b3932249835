//! Colours of the warnings, per level and per "look" (the look rotates between
//! repeated showings so the banner does not fade into the background). Every
//! pair used for text meets WCAG AA (4.5:1); borders and focus rings meet the
//! 3:1 non-text contrast. Pure Rust; the ratios are unit-tested.
use crate::engine::Level;

/// Number of looks each level rotates through.
pub const LOOKS: usize = 3;

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
    /// Icon shown in front of the title (decorative, aria-hidden); symbols
    /// common system fonts have (DejaVu, Segoe UI, Roboto), not emoji.
    pub icon: &'static str,
    /// CSS border style name.
    pub border_style: &'static str,
}

const NOTICE: [Palette; LOOKS] = [
    Palette { background: 0xEEF3FA, text: 0x1A1A1A, accent: 0x2F4F7F, button_background: 0x2F4F7F, button_text: 0xFFFFFF, focus: 0x1A1A1A, icon: "ℹ", border_style: "solid" },
    Palette { background: 0xF1F5EC, text: 0x1A1A1A, accent: 0x3A5F2A, button_background: 0x3A5F2A, button_text: 0xFFFFFF, focus: 0x1A1A1A, icon: "?", border_style: "dashed" },
    Palette { background: 0xF5F0FA, text: 0x1A1A1A, accent: 0x5A3F7A, button_background: 0x5A3F7A, button_text: 0xFFFFFF, focus: 0x1A1A1A, icon: "●", border_style: "double" },
];

const WARNING: [Palette; LOOKS] = [
    Palette { background: 0xFFF4D6, text: 0x1A1A1A, accent: 0x8A4B00, button_background: 0x5C3200, button_text: 0xFFFFFF, focus: 0x0B3D91, icon: "⚠", border_style: "solid" },
    Palette { background: 0xFFE9DC, text: 0x1A1A1A, accent: 0xA33A00, button_background: 0x7A2B00, button_text: 0xFFFFFF, focus: 0x0B3D91, icon: "▲", border_style: "double" },
    Palette { background: 0xFFF9C4, text: 0x1A1A1A, accent: 0x6B5300, button_background: 0x3D3000, button_text: 0xFFFFFF, focus: 0x0B3D91, icon: "!", border_style: "dashed" },
];

const DANGER: [Palette; LOOKS] = [
    Palette { background: 0x7A0014, text: 0xFFFFFF, accent: 0xFFD54F, button_background: 0xFFFFFF, button_text: 0x7A0014, focus: 0xFFD54F, icon: "✖", border_style: "solid" },
    Palette { background: 0x5E0B3A, text: 0xFFFFFF, accent: 0xFFFFFF, button_background: 0xFFF3C4, button_text: 0x5E0B3A, focus: 0xFFD54F, icon: "⚠", border_style: "double" },
    Palette { background: 0x8B1A00, text: 0xFFFFFF, accent: 0xFFB74D, button_background: 0xFFFFFF, button_text: 0x8B1A00, focus: 0xFFF176, icon: "■", border_style: "dashed" },
];

/// The palette for `level` on its `showing`-th appearance (0-based).
/// `Level::None` never renders; it gets the notice colours.
pub fn palette(level: Level, showing: u32) -> Palette {
    let i = showing as usize % LOOKS;
    match level {
        Level::None | Level::Notice => NOTICE[i],
        Level::Warning => WARNING[i],
        Level::Danger => DANGER[i],
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
            for showing in 0..LOOKS as u32 {
                let p = palette(level, showing);
                let ctx = format!("{level:?} look {showing}");
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
    fn looks_rotate_and_differ() {
        for level in [Level::Notice, Level::Warning, Level::Danger] {
            assert_eq!(palette(level, 0), palette(level, LOOKS as u32));
            assert_ne!(palette(level, 0), palette(level, 1));
            assert_ne!(palette(level, 1).icon, palette(level, 2).icon);
            assert_ne!(palette(level, 0).border_style, palette(level, 1).border_style);
        }
        assert_eq!(css(0x0B3D91), "#0b3d91");
    }
}
