#!/usr/bin/env python3
"""Writes the hand-made vendor walks next to this folder (../<name>.snmprec), deterministically.

Each walk is built from the vendor's public MIBs and documented sysDescr formats (see ../README.md and the
vendor profile's checked_against): the system group, a few IF-MIB interfaces, the ENTITY-MIB rows laid out as that
vendor's agents lay them out (or none, where the agent has none), and the vendor objects the profile reads. Values
(serials, versions) are invented but shaped like real ones. Run: python3 make_vendor_walks.py
"""
import os

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)


def oid_key(line):
    return [int(x) for x in line.split('|', 1)[0].split('.')]


def text(v):
    """An OCTET STRING: plain when printable ASCII without '|', hex otherwise."""
    b = v.encode('utf-8')
    if all(0x20 <= c < 0x7f for c in b) and '|' not in v:
        return '4|' + v
    return '4x|' + b.hex()


class Walk:
    def __init__(self):
        self.lines = {}

    def put(self, oid, value):
        self.lines[oid] = oid + '|' + value

    def s(self, oid, v):
        self.put(oid, text(v))

    def i(self, oid, v):
        self.put(oid, '2|%d' % v)

    def system(self, descr, object_id, name, uptime=123456789, contact='noc@example.vn', location='Ha Noi'):
        self.s('1.3.6.1.2.1.1.1.0', descr)
        self.put('1.3.6.1.2.1.1.2.0', '6|' + object_id)
        if uptime is not None:
            self.put('1.3.6.1.2.1.1.3.0', '67|%d' % uptime)
        self.s('1.3.6.1.2.1.1.4.0', contact)
        self.s('1.3.6.1.2.1.1.5.0', name)
        self.s('1.3.6.1.2.1.1.6.0', location)
        self.i('1.3.6.1.2.1.1.7.0', 6)

    def interfaces(self, names, speed=1_000_000_000, down=(), hc=True, x=True):
        """names: list of (ifDescr, ifName); statuses up unless the index is in down."""
        self.i('1.3.6.1.2.1.2.1.0', len(names))
        for ix, (descr, name) in enumerate(names, start=1):
            e = '1.3.6.1.2.1.2.2.1.%d.' + str(ix)
            self.i(e % 1, ix)
            self.s(e % 2, descr)
            self.i(e % 3, 6)
            self.i(e % 4, 1500)
            self.put(e % 5, '66|%d' % min(speed, 4294967295))
            self.i(e % 7, 1)
            self.i(e % 8, 2 if ix in down else 1)
            self.put(e % 10, '65|%d' % (1000000 * ix))
            self.put(e % 16, '65|%d' % (500000 * ix))
            self.put(e % 14, '65|0')
            self.put(e % 20, '65|0')
            if not x:
                continue
            f = '1.3.6.1.2.1.31.1.1.1.%d.' + str(ix)
            self.s(f % 1, name)
            if hc:
                self.put(f % 6, '70|%d' % (10000000000 * ix))
                self.put(f % 10, '70|%d' % (5000000000 * ix))
            self.put(f % 15, '66|%d' % (speed // 1_000_000))
            self.s(f % 18, '')

    def entity(self, index, descr=None, contained=None, cls=None, relpos=None, name=None, hw=None, fw=None, sw=None,
               serial=None, mfg=None, model=None):
        e = '1.3.6.1.2.1.47.1.1.1.1.%d.' + str(index)
        for col, v in ((2, descr), (7, name), (8, hw), (9, fw), (10, sw), (11, serial), (12, mfg), (13, model)):
            if v is not None:
                self.s(e % col, v)
        for col, v in ((4, contained), (5, cls), (6, relpos)):
            if v is not None:
                self.i(e % col, v)

    def write(self, name, notes):
        path = os.path.join(OUT, name + '.snmprec')
        with open(path, 'w') as f:
            for line in sorted(self.lines.values(), key=oid_key):
                f.write(line + '\n')
        print('%-28s %s' % (name, notes))


def cisco_ios():
    w = Walk()
    w.system('Cisco IOS Software, C3750E Software (C3750E-UNIVERSALK9-M), Version 12.2(55)SE12, RELEASE SOFTWARE '
             '(fc2)\r\nTechnical Support: http://www.cisco.com/techsupport\r\nCopyright (c) 1986-2017 by Cisco '
             'Systems, Inc.\r\nCompiled Mon 12-Jun-17 12:58 by prod_rel_team',
             '1.3.6.1.4.1.9.1.1227', 'sw-c3750e-01')
    w.interfaces([('GigabitEthernet1/0/1', 'Gi1/0/1'), ('GigabitEthernet1/0/2', 'Gi1/0/2'), ('Vlan1', 'Vl1')],
                 down={2})
    # A stackable switch alone: a stack(11) row with one member chassis, PSU and a port module inside it.
    w.entity(1, descr='c37xx Stack', contained=0, cls=11, relpos=-1, name='c37xx Stack', serial='', model='')
    w.entity(1001, descr='WS-C3750E-24PD', contained=1, cls=3, relpos=1, name='1', hw='V05', sw='12.2(55)SE12',
             serial='FDO1422Y0AB', mfg='Cisco', model='WS-C3750E-24PD-S')
    w.entity(1002, descr='Power Supply', contained=1001, cls=6, relpos=0, name='Switch 1 - Power Supply 0',
             serial='DCA1422X1ZZ', model='C3K-PWR-750WAC')
    w.put('1.3.6.1.4.1.9.3.6.3.0', text('FDO1422Y0AB'))
    w.write('cisco-ios-c3750e', 'IOS 12.2, chassis under a one-member stack row')


def cisco_stack():
    w = Walk()
    w.system('Cisco IOS Software [Amsterdam], Catalyst L3 Switch Software (CAT9K_IOSXE), Version 17.3.4, RELEASE '
             'SOFTWARE (fc3)\r\nTechnical Support: http://www.cisco.com/techsupport\r\nCopyright (c) 1986-2021 by '
             'Cisco Systems, Inc.\r\nCompiled Fri 20-Aug-21 11:20 by mcpre',
             '1.3.6.1.4.1.9.1.2494', 'core-stack-01')
    w.interfaces([('GigabitEthernet1/0/1', 'Gi1/0/1'), ('GigabitEthernet2/0/1', 'Gi2/0/1')])
    w.entity(1, descr='c93xx Stack', contained=0, cls=11, relpos=-1, name='c93xx Stack', serial='', model='')
    for member, serial, model in ((1, 'FOC2331X0A1', 'C9300-48P'), (2, 'FOC2331X0B2', 'C9300-48P')):
        ix = member * 1000
        w.entity(ix, descr='C9300-48P', contained=1, cls=3, relpos=member, name='Switch %d' % member, hw='V02',
                 sw='17.03.04', serial=serial, mfg='Cisco Systems, Inc.', model=model)
        w.entity(ix + 1, descr='Cisco Catalyst 9300 Series 715WAC Power Supply', contained=ix, cls=6, relpos=0,
                 name='Switch %d - Power Supply A' % member, serial='ART2330F%d0Q' % member, model='PWR-C1-715WAC')
    w.write('cisco-c9300-stack', 'Catalyst 9300 StackWise pair: two chassis rows under a stack row')


def cisco_nxos():
    w = Walk()
    w.system('Cisco NX-OS(tm) n9000, Software (n9000-dk9), Version 9.3(8), RELEASE SOFTWARE Copyright (c) '
             '2002-2021 by Cisco Systems, Inc. Compiled 8/18/2021 14:00:00',
             '1.3.6.1.4.1.9.12.3.1.3.1812', 'dc-leaf-01')
    w.interfaces([('Ethernet1/1', 'Eth1/1'), ('Ethernet1/2', 'Eth1/2'), ('mgmt0', 'mgmt0')],
                 speed=25_000_000_000)
    w.entity(10, descr='Nexus9000 C93180YC-FX chassis', contained=0, cls=3, relpos=-1, name='Chassis', hw='1.1',
             fw='', sw='9.3(8)', serial='FDO24230ABC', mfg='Cisco Systems, Inc.', model='N9K-C93180YC-FX')
    w.entity(22, descr='1/10/25G Ethernet Module', contained=10, cls=9, relpos=1, name='Slot 1', serial='FDO24230ABC',
             model='N9K-C93180YC-FX')
    w.write('cisco-nxos-n9k', 'NX-OS: chassis row 10 (not 1) with module inside')


def juniper():
    w = Walk()
    w.system('Juniper Networks, Inc. ex4300-48t Ethernet Switch, kernel JUNOS 14.1X53-D40.8, Build date: '
             '2016-11-09 02:55:28 UTC Copyright (c) 1996-2016 Juniper Networks, Inc.',
             '1.3.6.1.4.1.2636.1.1.1.2.63', 'ex4300-01')
    w.interfaces([('ge-0/0/0', 'ge-0/0/0'), ('ge-0/0/1', 'ge-0/0/1'), ('me0', 'me0')])
    w.s('1.3.6.1.4.1.2636.3.1.2.0', 'Juniper EX4300-48T Switch')
    w.s('1.3.6.1.4.1.2636.3.1.3.0', 'PE3714170123')
    w.s('1.3.6.1.2.1.25.6.3.1.2.2', 'JUNOS Software Release [14.1X53-D40.8]')
    w.write('juniper-ex4300', 'Junos: no entPhysicalTable, serial in jnxBoxSerialNo')


def procurve():
    w = Walk()
    w.system('HP J9146A 2910al-24G-PoE Switch, revision W.15.14.0012, ROM W.14.06 (/ws/swbuildm/rel_ukiah_qaoff/'
             'code/build/bom(swbuildm_rel_ukiah_qaoff_rel_ukiah))',
             '1.3.6.1.4.1.11.2.3.7.11.87', 'hp-2910al')
    w.interfaces([('1', '1'), ('2', '2'), ('DEFAULT_VLAN', 'DEFAULT_VLAN')], down={2})
    w.entity(1, descr='HP J9146A Switch 2910al-24G-PoE', contained=0, cls=3, relpos=-1,
             name='HP J9146A Switch 2910al-24G-PoE', hw='', fw='W.14.06', sw='W.15.14.0012', serial='SG0123C0AB',
             mfg='HP', model='J9146A')
    w.s('1.3.6.1.4.1.11.2.36.1.1.2.9.0', 'SG0123C0AB')
    w.s('1.3.6.1.4.1.11.2.14.11.5.1.1.3.0', 'W.15.14.0012')
    w.write('hpe-procurve-2910al', 'ProCurve: entPhysicalModelName is the product number')


def aruba_cx():
    w = Walk()
    w.system('Aruba JL658A 6300M 24SR5 CL6 PoE 4SFP56 Swch FL.10.08.1010', '1.3.6.1.4.1.47196.4.1.1.1.300',
             'aruba-6300')
    w.interfaces([('1/1/1', '1/1/1'), ('1/1/2', '1/1/2')])
    w.entity(1, descr='6300M 24SR5 CL6 PoE 4SFP56 Swch', contained=0, cls=3, relpos=-1, name='1', hw='',
             fw='FL.01.09.0002', sw='FL.10.08.1010', serial='SG12KMX0AB', mfg='Aruba', model='JL658A')
    w.write('aruba-cx-6300', 'AOS-CX: everything in ENTITY-MIB')


def comware(name, descr, object_id, model, serial):
    w = Walk()
    w.system(descr, object_id, name)
    w.interfaces([('GigabitEthernet1/0/1', 'GE1/0/1'), ('GigabitEthernet1/0/2', 'GE1/0/2')])
    w.entity(1, descr='Board', contained=0, cls=5, relpos=-1, name='Board')
    w.entity(2, descr=model + ' Chassis', contained=1, cls=3, relpos=0, name='Chassis', sw='7.1.070',
             serial=serial, mfg='HPE' if 'HPE' in descr else 'H3C', model=model)
    return w


def mikrotik():
    w = Walk()
    w.system('RouterOS CCR1036-8G-2S+', '1.3.6.1.4.1.14988.1', 'ccr-core')
    w.interfaces([('ether1', 'ether1'), ('ether2', 'ether2'), ('sfp-sfpplus1', 'sfp-sfpplus1')])
    # The chassis row is there and empty.
    w.entity(65536, descr='', contained=0, cls=3, relpos=-1, name='', serial='', model='')
    w.s('1.3.6.1.4.1.14988.1.1.4.4.0', '6.48.6')
    w.s('1.3.6.1.4.1.14988.1.1.7.3.0', '8A5F08B1C2D3')
    w.s('1.3.6.1.4.1.14988.1.1.7.4.0', '6.48.6')
    w.s('1.3.6.1.4.1.14988.1.1.7.8.0', 'CCR1036-8G-2S+')
    w.write('mikrotik-ccr1036', 'RouterOS: empty chassis row, MIKROTIK-MIB serial, board name and version')


def fortigate():
    w = Walk()
    w.system('', '1.3.6.1.4.1.12356.101.1.2005', 'FGT-HQ')
    w.interfaces([('wan1', 'wan1'), ('wan2', 'wan2'), ('internal1', 'internal1')], down={2})
    # FortiOS: row 1 only, no entPhysicalClass / entPhysicalContainedIn.
    w.entity(1, descr='FortiGate-200F', name='FGT-HQ', serial='FG200FT921904567', model='FGT_200F')
    w.s('1.3.6.1.4.1.12356.100.1.1.1.0', 'FG200FT921904567')
    w.s('1.3.6.1.4.1.12356.101.4.1.1.0', 'v7.0.12,build0523,230720 (GA)')
    w.write('fortigate-200f', 'FortiOS: empty sysDescr, entity row 1 without class or containment')


def huawei():
    w = Walk()
    w.system('S5720-28X-SI-AC\r\nHuawei Versatile Routing Platform Software\r\nVRP (R) software, Version 5.170 '
             '(S5720 V200R011C10SPC500)\r\nCopyright (C) 2000-2018 HUAWEI TECH Co., Ltd',
             '1.3.6.1.4.1.2011.2.23.350', 'hw-s5720')
    w.interfaces([('GigabitEthernet0/0/1', 'GigabitEthernet0/0/1'), ('GigabitEthernet0/0/2', 'GigabitEthernet0/0/2')])
    # No entPhysicalModelName column: the model is the chassis' entPhysicalName; the serial on the chassis row.
    w.entity(16777216, descr='S5720-28X-SI-AC', contained=0, cls=3, relpos=-1, name='S5720-28X-SI-AC',
             sw='Version 5.170 V200R011C10SPC500', serial='21980107133GJ7000123', mfg='Huawei Technologies Co., Ltd')
    w.entity(16842753, descr='S5720-28X-SI-AC', contained=16777216, cls=9, relpos=1, name='MPU Board 0',
             serial='021HUM10H7000123', mfg='Huawei Technologies Co., Ltd')
    w.write('huawei-s5720', 'VRP: no entPhysicalModelName, model in entPhysicalName and the banner')


def edgeswitch():
    w = Walk()
    w.system('EdgeSwitch 48-Port 750W, 1.7.3.5029591, Linux 3.6.5-f4a26ed5, 1.0.0.4857129',
             '1.3.6.1.4.1.4413', 'es48')
    w.interfaces([('Slot: 0 Port: 1 Gigabit - Level', '0/1'), ('Slot: 0 Port: 2 Gigabit - Level', '0/2')])
    w.s('1.3.6.1.4.1.4413.1.1.1.1.1.2.0', 'ES-48-750W')
    w.s('1.3.6.1.4.1.4413.1.1.1.1.1.4.0', 'F09FC2123456')
    w.s('1.3.6.1.4.1.4413.1.1.1.1.1.13.0', '1.7.3.5029591')
    w.entity(1, descr='EdgeSwitch 48-Port 750W', contained=0, cls=3, relpos=-1, name='Unit 1', serial='F09FC2123456',
             model='ES-48-750W')
    w.write('ubiquiti-es48', 'EdgeSwitch on Broadcom FASTPATH (sysObjectID 4413)')


def dell_os10():
    w = Walk()
    w.system('Dell EMC Networking OS10 Enterprise.\r\nCopyright (c) 1999-2020 by Dell Inc. All Rights Reserved.\r\n'
             'System Description: OS10 Enterprise.\r\nOS Version: 10.5.1.3.\r\nSystem Type: S4128F-ON',
             '1.3.6.1.4.1.674.11000.5000.100.2.1.7', 'dell-leaf-01')
    w.interfaces([('ethernet1/1/1', 'ethernet1/1/1'), ('ethernet1/1/2', 'ethernet1/1/2'), ('mgmt1/1/1', 'mgmt1/1/1')],
                 speed=10_000_000_000)
    c = '1.3.6.1.4.1.674.11000.5000.100.4.1.1.3.1.%d.1'
    w.i(c % 2, 32)  # os10ChassisType: an enumeration (its label is the model in lower camel case)
    w.s(c % 4, '0T6YX2')
    w.s(c % 5, 'CN0T6YX2779878AB0012')
    w.s(c % 6, 'A02')
    w.s(c % 7, '8WTQ2K2')
    w.s(c % 13, 'TH09F2779878AB0012')
    w.write('dell-os10-s4128f', 'OS10: model and version in sysDescr, serial in the OS10 chassis table')


def windows():
    w = Walk()
    w.system('Hardware: Intel64 Family 6 Model 85 Stepping 7 AT/AT COMPATIBLE - Software: Windows Version 6.3 '
             '(Build 17763 Multiprocessor Free)', '1.3.6.1.4.1.311.1.1.3.1.2', 'WIN-SRV-01')
    w.interfaces([('Intel(R) Ethernet Connection X722 for 10GbE SFP+', 'ethernet_32768'),
                  ('Software Loopback Interface 1', 'loopback_0')])
    w.write('windows-server-2019', 'Windows SNMP service: version in sysDescr, no ENTITY-MIB')


def ruijie():
    w = Walk()
    w.system('Ruijie Full Gigabit Layer 3 Switch(S5750C-48GT4XS-H) By Ruijie Networks', '1.3.6.1.4.1.4881.1.1.10.1.237',
             'rg-s5750')
    w.interfaces([('GigabitEthernet 0/1', 'Gi0/1'), ('GigabitEthernet 0/2', 'Gi0/2')])
    w.s('1.3.6.1.4.1.4881.1.1.10.2.1.1.24.0', 'G1NQ9WV012345')
    d = '1.3.6.1.4.1.4881.1.1.10.2.21.1.2.1.%d.1'
    w.s(d % 2, 'Ruijie Full Gigabit Layer 3 Switch(S5750C-48GT4XS-H) By Ruijie Networks')
    w.s(d % 8, 'RGOS 11.4(1)B12P6 Release(07170312)')
    w.s(d % 10, 'G1NQ9WV012345')
    w.write('ruijie-s5750', 'RGOS: serial in RUIJIE-SYSTEM-MIB, model in sysDescr parentheses')


def paloalto():
    w = Walk()
    w.system('Palo Alto Networks PA-3400 series firewall', '1.3.6.1.4.1.25461.2.3.65', 'pa-hq')
    w.interfaces([('ethernet1/1', 'ethernet1/1'), ('ethernet1/2', 'ethernet1/2')])
    w.s('1.3.6.1.4.1.25461.2.1.2.1.1.0', '10.2.4-h4')
    w.s('1.3.6.1.4.1.25461.2.1.2.1.3.0', '024101001234')
    w.s('1.3.6.1.4.1.25461.2.1.2.2.1.0', 'PA-3410')
    w.entity(1, descr='Palo Alto Networks PA-3400 series firewall', contained=0, cls=3, relpos=-1, name='PA-3410',
             serial='024101001234', mfg='Palo Alto Networks', model='PA-3410')
    w.write('paloalto-pa3410', 'PAN-OS: PAN-COMMON-MIB serial, chassis type, software version')


def checkpoint():
    w = Walk()
    w.system('Linux gw-hq 3.10.0-957.21.3cpx86_64 #1 SMP Tue Jan 28 17:26:12 IST 2020 x86_64',
             '1.3.6.1.4.1.8072.3.2.10', 'gw-hq')
    w.interfaces([('eth1', 'eth1'), ('eth2', 'eth2')])
    w.s('1.3.6.1.4.1.2620.1.6.4.1.0', 'R81.10')
    w.s('1.3.6.1.4.1.2620.1.6.5.1.0', 'Gaia')
    w.s('1.3.6.1.4.1.2620.1.6.16.3.0', '1711BA1234')
    w.s('1.3.6.1.4.1.2620.1.6.16.7.0', 'Check Point 6200')
    w.write('checkpoint-6200', 'Gaia on net-snmp sysObjectID: told from Linux by its kernel')


def no_uptime(name, engine_time):
    """IF-MIB without ifXTable, absent ifSpeed and ifAdminStatus on one row, a ghost row, and no sysUpTime.0."""
    w = Walk()
    w.system('Linux edge-probe 5.10.0-21-amd64 #1 SMP Debian 5.10.162-1 (2023-01-21) x86_64',
             '1.3.6.1.4.1.8072.3.2.10', name, uptime=None)
    w.interfaces([('eth0', 'eth0'), ('eth1', 'eth1')], hc=False, x=False)
    del w.lines['1.3.6.1.2.1.2.2.1.5.2']  # ifSpeed.2 absent
    del w.lines['1.3.6.1.2.1.2.2.1.7.2']  # ifAdminStatus.2 absent
    w.put('1.3.6.1.2.1.2.2.1.10.7', '65|12345')  # a ghost: only ifInOctets.7, no interface 7 at all
    if engine_time:
        w.put('1.3.6.1.6.3.10.2.1.1.0', '4x|80001f88804b8a0e1a6f2b5c65')
        w.i('1.3.6.1.6.3.10.2.1.2.0', 3)
        w.i('1.3.6.1.6.3.10.2.1.3.0', 86400)
    return w


if __name__ == '__main__':
    cisco_ios()
    cisco_stack()
    cisco_nxos()
    juniper()
    procurve()
    aruba_cx()
    comware('hpe-5130', 'HPE Comware Platform Software, Software Version 7.1.070, Release 3208P03\r\nHPE FF '
            '5130-48G-PoE+-4SFP+ (370W) EI JG937A\r\nCopyright (c) 2010-2018 Hewlett Packard Enterprise Development '
            'LP', '1.3.6.1.4.1.25506.11.1.163', 'JG937A', 'CN78G9X0AB').write(
        'hpe-comware-5130', 'HPE Comware: chassis inside a board container')
    comware('h3c-s6520x', 'H3C Comware Platform Software, Software Version 7.1.064, Release 0427P22\r\nH3C '
            'S6520X-30QC-EI\r\nCopyright (c) 2004-2019 New H3C Technologies Co., Ltd. All rights reserved.',
            '1.3.6.1.4.1.25506.1.1853', 'S6520X-30QC-EI', '210235A1Y5H187000123').write(
        'h3c-s6520x', 'H3C Comware')
    mikrotik()
    fortigate()
    huawei()
    edgeswitch()
    dell_os10()
    windows()
    ruijie()
    paloalto()
    checkpoint()
    no_uptime('no-uptime-engine', True).write('no-uptime-engine', 'no sysUpTime.0, snmpEngineTime present')
    no_uptime('no-uptime-none', False).write('no-uptime-none', 'no sysUpTime.0 and no other clock')
