"use client";
// Marks <body data-hydrated> once React has hydrated the page, so browser tests act only on live controls.
import { useEffect } from "react";

export function HydrationMark() {
  useEffect(() => {
    document.body.dataset.hydrated = "true";
  }, []);
  return null;
}
