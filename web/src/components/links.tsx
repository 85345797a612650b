import { Anchor, type AnchorProps, Button, type ButtonProps, Menu, type MenuItemProps, NavLink, type NavLinkProps } from "@mantine/core";
import { createLink, type LinkComponent } from "@tanstack/react-router";
import type { ComponentPropsWithRef } from "react";

// Router-aware versions of Mantine's anchor-like components. Each renders a real <a href>, so
// links work without JavaScript tricks: open in a new tab, copy the address, follow with a crawler.

type AnchorElementProps<P> = P & Omit<ComponentPropsWithRef<"a">, keyof P>;

function MantineAnchor(props: AnchorElementProps<AnchorProps>) {
  return <Anchor {...props} />;
}
const CreatedAnchorLink = createLink(MantineAnchor);
export const AnchorLink: LinkComponent<typeof MantineAnchor> = (props) => <CreatedAnchorLink preload="intent" {...props} />;

function MantineButtonAnchor(props: AnchorElementProps<ButtonProps>) {
  return <Button component="a" {...props} />;
}
const CreatedButtonLink = createLink(MantineButtonAnchor);
export const ButtonLink: LinkComponent<typeof MantineButtonAnchor> = (props) => <CreatedButtonLink preload="intent" {...props} />;

function MantineNavAnchor(props: AnchorElementProps<NavLinkProps>) {
  return <NavLink component="a" {...props} />;
}
const CreatedNavLink = createLink(MantineNavAnchor);
export const NavItemLink: LinkComponent<typeof MantineNavAnchor> = (props) => <CreatedNavLink preload="intent" {...props} />;

function MantineMenuAnchor(props: AnchorElementProps<MenuItemProps>) {
  return <Menu.Item component="a" {...props} />;
}
export const MenuItemLink = createLink(MantineMenuAnchor);
