import type { ComponentType, SVGProps } from 'react';
import type { UserResponse } from '@dialdeck/contracts/auth';
import { canManageCompanies, canManageUsers, canManageVoiceServers } from '../../lib/session';
import {
  BuildingIcon,
  CalendarIcon,
  ChartIcon,
  DialpadIcon,
  HomeIcon,
  ListIcon,
  PhoneIcon,
  UserIcon,
  UsersIcon,
  VoiceServerIcon,
} from '../ui/icons';

export interface NavItem {
  to: '/home' | '/dashboard' | '/users' | '/numbers' | '/companies' | '/schedule' | '/dialer' | '/lines' | '/voice-servers' | '/profile';
  labelKey:
    | 'nav.home'
    | 'nav.dashboard'
    | 'nav.users'
    | 'nav.numbers'
    | 'nav.companies'
    | 'nav.schedule'
    | 'nav.dialer'
    | 'nav.lines'
    | 'nav.voiceServers'
    | 'nav.profile';
  icon: ComponentType<SVGProps<SVGSVGElement>>;
}

/** What the sidebar offers each role: only pages that exist and that the role may open. */
export function navItemsFor(user: UserResponse): NavItem[] {
  const items: NavItem[] = [];
  // The admin's home page comes first.
  if (canManageUsers(user)) items.push({ to: '/dashboard', labelKey: 'nav.dashboard', icon: ChartIcon });
  if (canManageCompanies(user)) items.push({ to: '/companies', labelKey: 'nav.companies', icon: BuildingIcon });
  if (canManageUsers(user)) items.push({ to: '/users', labelKey: 'nav.users', icon: UsersIcon });
  else items.push({ to: '/home', labelKey: 'nav.home', icon: HomeIcon });
  // Every role works with numbers: agents see their own (the server narrows the list).
  items.push({ to: '/numbers', labelKey: 'nav.numbers', icon: ListIcon });
  // When and how the dialer calls: company configuration, for admins only.
  if (canManageUsers(user)) {
    items.push({ to: '/schedule', labelKey: 'nav.schedule', icon: CalendarIcon });
    items.push({ to: '/dialer', labelKey: 'nav.dialer', icon: DialpadIcon });
  }
  // Caller IDs: admins manage them, agents see the ones assigned to them.
  items.push({ to: '/lines', labelKey: 'nav.lines', icon: PhoneIcon });
  // The operator's registry, shared by every company.
  if (canManageVoiceServers(user)) items.push({ to: '/voice-servers', labelKey: 'nav.voiceServers', icon: VoiceServerIcon });
  items.push({ to: '/profile', labelKey: 'nav.profile', icon: UserIcon });
  return items;
}
